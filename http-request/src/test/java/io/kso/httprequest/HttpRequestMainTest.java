package io.kso.httprequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestMainTest {
  private static final String BODY =
      "{\"commands\":[{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{}}}]}";

  @TempDir Path dir;
  private final RecordingServer server = RecordingServer.http();

  @AfterEach
  void stop() {
    server.close();
  }

  private Path bodyFile() throws IOException {
    return Files.writeString(dir.resolve("request-body.json"), BODY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-headers=\"Content-Type:application/json\"",
        "-headers='Content-Type:application/json'",
        "-headers=Content-Type:application/json",
        "-headers=Content-Type: application/json;"
      })
  void postsTheBodyFileWithTheHeadersLikeTheCronJob(String headers) throws IOException {
    Cli cli =
        Cli.run(
            "-method=post",
            "-scheme=http",
            "-host=" + server.hostPort(),
            "-path=v1/triggerAction",
            headers,
            "-path-body=" + bodyFile());

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.err()).isEmpty();
    RecordingServer.Received got = server.only();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/v1/triggerAction");
    assertThat(got.header("Content-type")).isEqualTo("application/json");
    assertThat(got.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sendsTheExactBytesOfABinaryBody() throws IOException {
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("blob"), bytes);

    Cli cli = Cli.run("-method=put", "-host=" + server.hostPort(), "-path-body=" + file);

    assertThat(cli.exitCode()).isZero();
    assertThat(server.only().body()).isEqualTo(bytes);
  }

  @Test
  void printsOneRequestLineAndTheStatusButNeverTheBody() throws IOException {
    Cli cli =
        Cli.run(
            "-method=post",
            "-host=" + server.hostPort(),
            "-path=v1/triggerAction",
            "-headers=Content-Type:application/json",
            "-path-body=" + bodyFile());

    assertThat(cli.out().lines().toList())
        .hasSize(2)
        .first()
        .isEqualTo(
            "http-request: POST http://"
                + server.hostPort()
                + "/v1/triggerAction headers=[Content-Type: application/json] body="
                + BODY.length()
                + " bytes from "
                + dir.resolve("request-body.json"));
    assertThat(cli.out().lines().toList().get(1))
        .matches("http-request: answered 200 in \\d+ ms \\(11 bytes\\)");
    assertThat(cli.out()).doesNotContain("kubescapeScan").doesNotContain("\"ok\"");
  }

  @Test
  void masksHeaderValuesThatMayBeSecretsButSendsThem() {
    Cli cli =
        Cli.run(
            "-method=get",
            "-host=" + server.hostPort(),
            "-path=v1/x?name=a&access_token=tok-in-query",
            "-headers=Authorization:Bearer s3cr3t-bearer;Cookie:sid=s3cr3t-cookie;"
                + "X-API-KEY:s3cr3t-key;X-Auth-Token:s3cr3t-token;X-Client-Secret:s3cr3t-cs;"
                + "Accept:application/json");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out())
        .doesNotContain("s3cr3t")
        .doesNotContain("tok-in-query")
        .contains("Authorization: ***", "Cookie: ***", "X-API-KEY: ***", "X-Auth-Token: ***")
        .contains("X-Client-Secret: ***", "Accept: application/json")
        .contains("?name=a&access_token=***");
    RecordingServer.Received got = server.only();
    assertThat(got.header("Authorization")).isEqualTo("Bearer s3cr3t-bearer");
    assertThat(got.header("X-api-key")).isEqualTo("s3cr3t-key");
    assertThat(got.query()).isEqualTo("name=a&access_token=tok-in-query");
  }

  @Test
  void splitsEachHeaderOnItsFirstColon() {
    Cli cli =
        Cli.run(
            "-method=get",
            "-host=" + server.hostPort(),
            "-headers=X-Target:http://a:8080/b;X-Empty:");

    assertThat(cli.exitCode()).isZero();
    assertThat(server.only().header("X-target")).isEqualTo("http://a:8080/b");
    assertThat(server.only().header("X-empty")).isEmpty();
  }

  @Test
  void aServerErrorExitsOneWithTheStatusAndTheStartOfTheAnswer() throws IOException {
    server.answer(500, "boom\nstack line 1\n" + "x".repeat(300));

    Cli cli =
        Cli.run(
            "-method=post",
            "-host=" + server.hostPort(),
            "-path=v1/triggerAction",
            "-path-body=" + bodyFile());

    assertThat(cli.exitCode()).isEqualTo(ExitCode.HTTP_STATUS.code()).isEqualTo(1);
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.reason())
        .startsWith(
            "http-request: POST http://"
                + server.hostPort()
                + "/v1/triggerAction answered 500: boom stack line 1 xxx")
        .endsWith("x…")
        .doesNotContain("kubescapeScan");
    String snippet = cli.reason().substring(cli.reason().indexOf("answered 500: ") + 14);
    assertThat(snippet).hasSize(201);
    assertThat(server.received()).as("HTTP errors are not retried").hasSize(1);
  }

  @Test
  void notFoundExitsOne() {
    server.answer(404, "404 page not found");

    Cli cli = Cli.run("-method=get", "-host=" + server.hostPort(), "-path=nope");

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.reason())
        .isEqualTo(
            "http-request: GET http://"
                + server.hostPort()
                + "/nope answered 404: 404 page not found");
  }

  @ParameterizedTest
  @CsvSource({"delete,DELETE", "DeLeTe,DELETE", "get,GET", "PUT,PUT", "patch,PATCH"})
  void sendsTheMethodAskedFor(String flag, String sent) {
    Cli cli = Cli.run("-method=" + flag, "-host=" + server.hostPort(), "-path=/v1/thing");

    assertThat(cli.exitCode()).isZero();
    assertThat(server.only().method()).isEqualTo(sent);
    assertThat(server.only().path()).isEqualTo("/v1/thing");
  }

  @Test
  void writesTheAnswerToTheOutputFile() throws IOException {
    server.answer(200, "{\"response\":{\"event-receiver-http\":\"https://r\"}}");
    Path output = dir.resolve("services.json");

    Cli cli =
        Cli.run(
            "-method=get",
            "-host=" + server.hostPort(),
            "-path=api/v1/servicediscovery",
            "-path-output=" + output);

    assertThat(cli.exitCode()).isZero();
    assertThat(output).hasContent("{\"response\":{\"event-receiver-http\":\"https://r\"}}");
  }

  @Test
  void doesNotWriteTheOutputFileForAnError() {
    server.answer(503, "busy");
    Path output = dir.resolve("services.json");

    Cli cli = Cli.run("-method=get", "-host=" + server.hostPort(), "-path-output=" + output);

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(output).doesNotExist();
  }

  @Test
  void anUnwritableOutputFileExitsFive() {
    Path output = dir.resolve("missing-dir").resolve("out.json");

    Cli cli = Cli.run("-method=get", "-host=" + server.hostPort(), "-path-output=" + output);

    assertThat(cli.exitCode()).isEqualTo(ExitCode.OUTPUT_FILE.code()).isEqualTo(5);
    assertThat(cli.reason())
        .isEqualTo("http-request: cannot write output file " + output + ": No such file");
  }

  @Test
  void aMissingBodyFileExitsThreeWithoutSending() {
    Path missing = dir.resolve("x.json");

    Cli cli = Cli.run("-method=post", "-host=" + server.hostPort(), "-path-body=" + missing);

    assertThat(cli.exitCode()).isEqualTo(ExitCode.BODY_FILE.code()).isEqualTo(3);
    assertThat(cli.reason())
        .isEqualTo(
            "http-request: POST http://"
                + server.hostPort()
                + "/: cannot read body file "
                + missing
                + ": No such file");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aDirectoryAsBodyFileExitsThree() {
    Cli cli = Cli.run("-method=post", "-host=" + server.hostPort(), "-path-body=" + dir);

    assertThat(cli.exitCode()).isEqualTo(3);
    assertThat(cli.reason()).contains("cannot read body file " + dir + ": ");
  }

  @Test
  void aClosedPortExitsFourAfterTheBoundedRetries() throws IOException {
    String closed = "127.0.0.1:" + closedPort();

    Cli cli = Cli.run("-method=post", "-host=" + closed, "-path=v1/triggerAction");

    assertThat(cli.exitCode()).isEqualTo(ExitCode.TRANSPORT.code()).isEqualTo(4);
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.reason())
        .isEqualTo(
            "http-request: POST http://"
                + closed
                + "/v1/triggerAction: connection refused after 4 attempts");
    assertThat(cli.out())
        .contains("attempt 1 failed: connection refused; retrying in 1ms")
        .contains("attempt 2 failed: connection refused; retrying in 2ms")
        .contains("attempt 3 failed: connection refused; retrying in 4ms")
        .doesNotContain("attempt 4 failed");
  }

  @Test
  void zeroRetriesMeansOneAttempt() throws IOException {
    Cli cli = Cli.run("-method=get", "-host=127.0.0.1:" + closedPort(), "-retries=0");

    assertThat(cli.exitCode()).isEqualTo(4);
    assertThat(cli.reason()).endsWith(": connection refused after 1 attempt");
  }

  @Test
  void aServerThatNeverAnswersTimesOutAndIsRetried() {
    server.hang();

    Cli cli = Cli.run("-method=post", "-host=" + server.hostPort(), "-timeout=300ms", "-retries=1");

    assertThat(cli.exitCode()).isEqualTo(4);
    assertThat(cli.reason()).endsWith(": no answer within 300ms after 2 attempts");
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void anUnknownHostExitsFour() {
    Cli cli = Cli.run("-method=get", "-host=no-such-host.invalid:80", "-retries=1");

    assertThat(cli.exitCode()).isEqualTo(4);
    assertThat(cli.reason()).endsWith(": unknown host after 2 attempts");
  }

  @Test
  void doesNotFollowARedirectFromHttpToHttps() throws IOException {
    server.answer(302, "").answerHeader("Location", "https://127.0.0.1:" + closedPort() + "/");

    Cli cli = Cli.run("-method=get", "-host=" + server.hostPort());

    assertThat(cli.exitCode()).isEqualTo(4);
    assertThat(cli.reason())
        .endsWith(": TLS failure: an http:// request does not switch to https:// after 1 attempt");
  }

  @Test
  void followsARedirectOnTheSameScheme() {
    try (RecordingServer target = RecordingServer.http()) {
      server.answer(302, "").answerHeader("Location", "http://" + target.hostPort() + "/moved");

      Cli cli = Cli.run("-method=get", "-host=" + server.hostPort());

      assertThat(cli.exitCode()).isZero();
      assertThat(target.only().path()).isEqualTo("/moved");
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
