package io.kso.gateway.testing;

import static org.awaitility.Awaitility.await;

import io.kso.gateway.GatewayApplication;
import io.kso.gateway.adapter.ws.WebsocketServer;
import io.kso.gateway.relay.Relay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway started in this JVM on 127.0.0.1, with its REST, probe and websocket ports, and a
 * cluster configuration file written to a temporary directory. Properties given as {@code
 * key=value} are passed as command-line arguments, so they win over the defaults.
 */
public final class RunningGateway implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ConfigurableApplicationContext context;
  private final int restPort;
  private final int probePort;
  private final int websocketPort;

  private RunningGateway(ConfigurableApplicationContext context) {
    this.context = context;
    this.restPort =
        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    this.probePort =
        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    this.websocketPort = context.getBean(WebsocketServer.class).port();
  }

  /** A gateway on free ports (websocket port 0 unless given in {@code properties}). */
  public static RunningGateway start(Path dir, String clusterDataJson, String... properties) {
    Path config = dir.resolve("clusterData-" + System.nanoTime() + ".json");
    try {
      Files.writeString(config, clusterDataJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> args = new LinkedHashMap<>();
    args.put("server.port", "0");
    args.put("server.address", "127.0.0.1");
    args.put("ks.base.probe-port", "0");
    args.put("ks.gateway.websocket-port", "0");
    args.put("ks.gateway.websocket-address", "127.0.0.1");
    args.put("ks.base.config-path", config.toString());
    for (String property : properties) {
      int eq = property.indexOf('=');
      args.put(property.substring(0, eq), property.substring(eq + 1));
    }
    String[] commandLine =
        args.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new RunningGateway(
        new SpringApplicationBuilder(GatewayApplication.class).run(commandLine));
  }

  /**
   * Waits until exactly {@code count} leaves are registered: a leaf is registered just after its
   * handshake completes, so a test posts only once its leaf is in the routing table.
   */
  public void awaitLeaves(int count) {
    Relay relay = context.getBean(Relay.class);
    await("%d leaves registered".formatted(count))
        .atMost(Duration.ofSeconds(10))
        .until(() -> relay.size() == count);
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public int websocketPort() {
    return websocketPort;
  }

  /** {@code ws://127.0.0.1:<port>/v1/waitfornotification?<query>} */
  public String websocketUrl(String query) {
    return "ws://127.0.0.1:" + websocketPort + "/v1/waitfornotification?" + query;
  }

  /** POSTs a body to {@code /v1/sendnotification}. */
  public HttpResponse<String> post(String body) {
    return post("/v1/sendnotification", body.getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, byte[] body) {
    return send(
        HttpRequest.newBuilder(rest(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .build());
  }

  public HttpResponse<String> restGet(String path) {
    return send(HttpRequest.newBuilder(rest(path)).GET().build());
  }

  public HttpResponse<String> probe(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probePort + path)).GET().build());
  }

  public String metrics() {
    return probe("/metrics").body();
  }

  /** The value of one Prometheus sample, such as {@code gateway_connections{role="leaf"}}. */
  public double metric(String sample) {
    return Prometheus.value(metrics(), sample);
  }

  private URI rest(String path) {
    return URI.create("http://127.0.0.1:" + restPort + path);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
