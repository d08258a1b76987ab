package io.kso.suite.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Starts the gateway image the way a container runtime would, without one: its layers unpacked into
 * a rootfs, its entrypoint run there as uid 65532 in a private mount and pid namespace (with /proc,
 * /dev and a tmpfs /tmp), its environment plus a cluster configuration file at $CONFIG. Needs root
 * for unshare, mount and chroot.
 */
class ImageRunsIT {
  private static final String RUN_IN_ROOTFS =
      """
      root=$1; shift
      mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" \
        && mount -t tmpfs tmpfs "$root/tmp" \
        && exec chroot --userspec=65532:65532 "$root" "$@"
      """;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path work;

  @Test
  void gatewayImageAnswersLivenessAsUid65532() throws Exception {
    assumeTrue(
        (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
        "ImageRunsIT needs root (unshare, mount, chroot): run the suite's verify as root");
    Path root = work.resolve("rootfs");
    JsonNode config;
    try (ImageTar image = ImageTar.of("gateway")) {
      config = image.config();
      unpack(image, root);
    }
    Path clusterData = root.resolve("etc/config/clusterData.json");
    Files.createDirectories(clusterData.getParent());
    Files.writeString(clusterData, "{\"clusterName\":\"c1\",\"accountID\":\"a1\"}");
    // Free ports instead of the defaults (8000-8002): other builds on the machine may use those.
    int probePort = freePort();
    Path log = work.resolve("gateway.log");

    Process unshare =
        start(
            root,
            config,
            Map.of(
                "CONFIG", "/etc/config/clusterData.json",
                "PROBE_PORT", String.valueOf(probePort),
                "HTTP_PORT", String.valueOf(freePort()),
                "WEBSOCKET_PORT", String.valueOf(freePort())),
            log);
    try {
      await("gateway liveness on " + probePort)
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> liveness(unshare, probePort, log) == 200);
      ProcessHandle java = unshare.children().findFirst().orElseThrow();
      assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(java.pid()), "status")))
          .anySatisfy(line -> assertThat(line).matches("Uid:\\s+65532\\s+65532\\s+65532.*"));
    } finally {
      stop(unshare);
    }
  }

  /** Unpacks the layers in order with GNU tar, which as root keeps owners and modes. */
  private static void unpack(ImageTar image, Path root) throws IOException, InterruptedException {
    Files.createDirectories(root);
    for (String layer : image.layers()) {
      Process tar =
          new ProcessBuilder(
                  "tar",
                  "--extract",
                  "--warning=no-unknown-keyword",
                  "-C",
                  root.toString(),
                  "-f",
                  "-")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (InputStream in = image.openLayer(layer);
          OutputStream out = tar.getOutputStream()) {
        in.transferTo(out);
      }
      assertThat(tar.waitFor()).as("tar exit code for layer %s", layer).isZero();
    }
  }

  /** Runs the image's entrypoint with the image's environment plus {@code env}. */
  private static Process start(Path root, JsonNode config, Map<String, String> env, Path log)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("unshare", "--mount", "--pid", "--fork", "bash", "-c", RUN_IN_ROOTFS, "run"));
    command.add(root.toString());
    config.path("Entrypoint").values().forEach(arg -> command.add(arg.asString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    for (JsonNode entry : config.path("Env").values()) {
      String[] pair = entry.asString().split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    }
    builder.environment().putAll(env);
    return builder.start();
  }

  private int liveness(Process unshare, int port, Path log) throws IOException {
    if (!unshare.isAlive()) {
      throw new IllegalStateException("gateway exited:\n" + tail(log));
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/liveness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the java process (pid 1 of the namespace), not unshare, and waits for both to end. */
  private static void stop(Process unshare) throws InterruptedException {
    unshare.children().forEach(ProcessHandle::destroy);
    if (!unshare.waitFor(30, TimeUnit.SECONDS)) {
      unshare.descendants().forEach(ProcessHandle::destroyForcibly);
      unshare.destroyForcibly();
      unshare.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
