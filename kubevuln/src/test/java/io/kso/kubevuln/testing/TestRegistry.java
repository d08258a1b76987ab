package io.kso.kubevuln.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1, on a free port with its own
 * storage and config, optionally behind htpasswd basic auth; {@link #close} stops it. Tests skip
 * when it is not installed ({@code apt-get install -y docker-registry apache2-utils}).
 */
public final class TestRegistry implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");

  private final Process process;
  private final int port;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private TestRegistry(Process process, int port, String authorization) {
    this.process = process;
    this.port = port;
    this.authorization = authorization;
  }

  public static TestRegistry start(Path dir) {
    return start(dir, null, null);
  }

  /** Starts the registry; with a user, it requires that user's password (bcrypt htpasswd). */
  public static TestRegistry start(Path dir, String user, String password) {
    Assumptions.assumeTrue(
        Files.isExecutable(BINARY),
        "docker-registry not installed: apt-get install -y docker-registry apache2-utils");
    try {
      int port = freePort();
      String auth = "";
      if (user != null) {
        Assumptions.assumeTrue(Files.isExecutable(HTPASSWD), "htpasswd (apache2-utils) missing");
        Path htpasswd = dir.resolve("htpasswd");
        Process p =
            new ProcessBuilder(HTPASSWD.toString(), "-Bbn", user, password)
                .redirectOutput(htpasswd.toFile())
                .start();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("htpasswd failed");
        }
        auth = "auth:\n  htpasswd:\n    realm: kso-test\n    path: " + htpasswd + "\n";
      }
      Path config = dir.resolve("config.yml");
      Files.writeString(
          config,
          "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
              + "storage:\n  filesystem:\n    rootdirectory: "
              + dir.resolve("storage")
              + "\n"
              + "  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:"
              + port
              + "\n"
              + auth);
      Process process =
          new ProcessBuilder(BINARY.toString(), "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      String header =
          user == null
              ? null
              : "Basic "
                  + Base64.getEncoder()
                      .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      TestRegistry registry = new TestRegistry(process, port, header);
      registry.awaitReady();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + process.exitValue());
              }
              return send(HttpRequest.newBuilder(uri("/v2/")).GET()).statusCode() < 500;
            });
  }

  /** {@code 127.0.0.1:port}, the registry part of an image reference. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public URI uri(String path) {
    return URI.create("http://" + host() + path);
  }

  /** Pushes every blob and then the manifest under {@code repository:tag}. */
  public String push(TestImage image, String repository, String tag) {
    for (TestImage.Blob blob : image.allBlobs()) {
      pushBlob(repository, blob.digest(), blob.content());
    }
    var response =
        send(
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image.manifest())));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "manifest push failed: HTTP " + response.statusCode() + " " + response.body());
    }
    return host() + "/" + repository + ":" + tag;
  }

  /** Pushes an image index (its manifests must be pushed already). */
  public String pushIndex(String repository, String tag, String index) {
    var response =
        send(
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(index)));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "index push failed: HTTP " + response.statusCode() + " " + response.body());
    }
    return host() + "/" + repository + ":" + tag;
  }

  public void pushBlob(String repository, String digest, byte[] content) {
    var start =
        send(
            HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    String location =
        start
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () -> new IllegalStateException("upload not started: HTTP " + start.statusCode()));
    URI upload = uri("/").resolve(location);
    String separator = upload.getQuery() == null ? "?" : "&";
    var done =
        send(
            HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    if (done.statusCode() != 201) {
      throw new IllegalStateException(
          "blob push failed: HTTP " + done.statusCode() + " " + done.body());
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
