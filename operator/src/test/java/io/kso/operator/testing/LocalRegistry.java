package io.kso.operator.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1, with an optional htpasswd user.
 * Tests push minimal images to it through the distribution API itself.
 */
public final class LocalRegistry implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  private final Process process;
  private final int port;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalRegistry(Process process, int port, String authorization) {
    this.process = process;
    this.port = port;
    this.authorization = authorization;
  }

  public static LocalRegistry anonymous(Path dir) throws Exception {
    return start(dir, null, null);
  }

  public static LocalRegistry withUser(Path dir, String user, String password) throws Exception {
    return start(dir, user, password);
  }

  private static LocalRegistry start(Path dir, String user, String password) throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        "docker-registry is not installed (apt-get install docker-registry apache2-utils)");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StringBuilder config =
        new StringBuilder(
            """
            version: 0.1
            log: {level: error}
            storage:
              filesystem: {rootdirectory: %s}
              delete: {enabled: true}
            http: {addr: "127.0.0.1:%d"}
            """
                .formatted(dir.resolve("data"), port));
    String authorization = null;
    if (user != null) {
      Path htpasswd = dir.resolve("htpasswd");
      Process p =
          new ProcessBuilder("htpasswd", "-Bbn", user, password)
              .redirectOutput(htpasswd.toFile())
              .start();
      assumeTrue(p.waitFor() == 0, "htpasswd failed (apt-get install apache2-utils)");
      config.append("auth: {htpasswd: {realm: test, path: %s}}\n".formatted(htpasswd));
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    Path file = dir.resolve("config.yml");
    Files.writeString(file, config);
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port, authorization);
    registry.awaitReady();
    return registry;
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /** Pushes a minimal image (a config blob, no layers) as {@code repository:tag}. */
  public void push(String repository, String tag) throws Exception {
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"history\":[{\"created_by\":\""
                + repository
                + ":"
                + tag
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = digest(config);
    HttpResponse<String> start =
        send(request("/v2/" + repository + "/blobs/uploads/").POST(noBody()));
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload =
        URI.create(
            (location.startsWith("http") ? location : "http://" + host() + location)
                + (location.contains("?") ? "&" : "?")
                + "digest="
                + configDigest);
    expect(
        send(
            authorized(HttpRequest.newBuilder(upload))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config))),
        201);
    String manifest =
        """
        {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},"layers":[]}"""
            .formatted(MANIFEST, config.length, configDigest);
    expect(
        send(
            request("/v2/" + repository + "/manifests/" + tag)
                .header("Content-Type", MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))),
        201);
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue());
      }
      try {
        int status = send(request("/v2/").GET()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("docker-registry did not start on " + host());
  }

  private HttpRequest.Builder request(String path) {
    return authorized(HttpRequest.newBuilder(URI.create("http://" + host() + path)));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    return authorization == null ? builder : builder.header("Authorization", authorization);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static String digest(byte[] content) throws NoSuchAlgorithmException {
    return "sha256:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
