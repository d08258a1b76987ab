package io.kso.suite.bench;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kso.common.message.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A read-only stand-in API server for large synthetic clusters: it holds each object's JSON as
 * written and answers list requests ({@code /api/v1/pods}, {@code /apis/apps/v1/deployments}) with
 * real {@code limit}/{@code continue} paging, an empty list for any other kind, and {@code
 * /version}. The CRUD mock server takes time that grows with its size for each create, which makes
 * loading 50,000 objects take longer than the scan it serves.
 */
final class ListPagesServer implements AutoCloseable {
  private static final Pattern LIST =
      Pattern.compile("^/(?:api/(v1)|apis/([^/]+)/([^/]+))/([a-z0-9]+)$");

  private final Map<String, List<String>> itemsByResource = new HashMap<>();
  private final MockWebServer web = new MockWebServer();
  private int objects;

  /** Holds every object of the {@code ---}-separated JSON files in {@code dir}. */
  ListPagesServer(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        for (String doc : Files.readString(f).split("(?m)^---$")) {
          if (!doc.isBlank()) {
            add(doc.strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the synthetic cluster in " + dir, e);
    }
    web.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request.getPath());
          }
        });
    try {
      web.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int objects() {
    return objects;
  }

  String url() {
    return "http://127.0.0.1:" + web.getPort();
  }

  /** A kubeconfig whose current context is this server. */
  Path writeKubeconfig(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bench
          cluster: {server: %s}
        users:
        - name: bench
          user: {token: bench-token}
        contexts:
        - name: bench
          context: {cluster: bench, user: bench, namespace: default}
        current-context: bench
        """
            .formatted(url()));
  }

  @SuppressWarnings("unchecked")
  private void add(String json) {
    Map<String, Object> object = WireJson.read(json, Map.class);
    String apiVersion = String.valueOf(object.get("apiVersion"));
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    itemsByResource
        .computeIfAbsent(
            group + "/" + plural(String.valueOf(object.get("kind"))), k -> new ArrayList<>())
        .add(json);
    objects++;
  }

  private static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("y")) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k.endsWith("s") ? k + "es" : k + "s";
  }

  private MockResponse answer(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
    if (path.equals("/version")) {
      return json("{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0\"}");
    }
    Matcher m = LIST.matcher(path);
    if (!m.matches()) {
      return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}");
    }
    String group = m.group(1) != null ? "" : m.group(2);
    List<String> items = itemsByResource.getOrDefault(group + "/" + m.group(4), List.of());
    int from = Integer.parseInt(query.getOrDefault("continue", "0"));
    int limit = Integer.parseInt(query.getOrDefault("limit", Integer.toString(Integer.MAX_VALUE)));
    int to = (int) Math.min(items.size(), (long) from + limit);
    StringBuilder body =
        new StringBuilder(
            "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"");
    if (to < items.size()) {
      body.append(",\"continue\":\"").append(to).append('"');
    }
    body.append("},\"items\":[");
    for (int i = from; i < to; i++) {
      body.append(i > from ? "," : "").append(items.get(i));
    }
    return json(body.append("]}").toString());
  }

  private static MockResponse json(String body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    web.shutdown();
  }
}
