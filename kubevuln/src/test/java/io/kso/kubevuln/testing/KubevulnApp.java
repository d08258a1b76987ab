package io.kso.kubevuln.testing;

import io.kso.kubevuln.KubevulnApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The kubevuln service in this JVM, on a free port of 127.0.0.1, with a clusterData file. */
public final class KubevulnApp implements AutoCloseable {
  private final ConfigurableApplicationContext context;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private KubevulnApp(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  public static KubevulnApp start(Path dir, String clusterData, String... properties)
      throws Exception {
    Path config = Files.writeString(dir.resolve("clusterData.json"), clusterData);
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--server.address=127.0.0.1");
    args.add("--ks.base.config-path=" + config);
    args.add("--ks.kubevuln.data-dir=" + dir.resolve("data"));
    for (String p : properties) {
      args.add("--" + p);
    }
    return new KubevulnApp(
        new SpringApplicationBuilder(KubevulnApplication.class).run(args.toArray(String[]::new)));
  }

  public HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    context.close();
  }
}
