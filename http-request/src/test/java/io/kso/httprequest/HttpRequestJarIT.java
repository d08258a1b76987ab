package io.kso.httprequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar run as its own process, with the arguments the scheduled CronJobs pass. */
class HttpRequestJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("http-request.jar", "target/http-request.jar"));
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss256k",
          "-Xmx32m",
          "-XX:-UsePerfData",
          "-Xshare:auto");
  private static final String BODY =
      "{\"commands\":[{\"commandName\":\"scan\",\"designators\":"
          + "[{\"designatorType\":\"Attributes\",\"attributes\":{}}]}]}";

  @TempDir Path dir;
  private final RecordingServer server = RecordingServer.http();

  @AfterEach
  void stop() {
    server.close();
  }

  private record Run(int exitCode, String out, String err) {}

  private Run runJar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void postsTheTriggerLikeTheCronJob() throws Exception {
    Path body = Files.writeString(dir.resolve("request-body.json"), BODY);

    Run run =
        runJar(
            "-method=post",
            "-scheme=http",
            "-host=" + server.hostPort(),
            "-path=v1/triggerAction",
            "-headers=\"Content-Type:application/json\"",
            "-path-body=" + body);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("answered 200");
    RecordingServer.Received got = server.only();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/v1/triggerAction");
    assertThat(got.header("Content-type")).isEqualTo("application/json");
    assertThat(got.bodyText()).isEqualTo(BODY);
  }

  @Test
  void theProcessExitCodeSaysWhyItFailed() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = socket.getLocalPort();
    }
    server.answer(500, "scan failed");

    Run refused = runJar("-method=post", "-host=127.0.0.1:" + closed, "-retry-backoff=1ms");
    Run error = runJar("-method=post", "-host=" + server.hostPort(), "-path=v1/triggerAction");
    Run usage = runJar("-method=post");

    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.err())
        .endsWith("connection refused after 4 attempts" + System.lineSeparator());
    assertThat(error.exitCode()).isEqualTo(1);
    assertThat(error.err().strip())
        .isEqualTo(
            "http-request: POST http://"
                + server.hostPort()
                + "/v1/triggerAction answered 500: scan failed");
    assertThat(usage.exitCode()).isEqualTo(2);
  }
}
