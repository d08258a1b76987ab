package io.kso.operator.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.command.JobStatus;
import io.kso.operator.port.PostureScanner.ScanState;
import io.kso.operator.port.ScannerBusyException;
import io.kso.operator.port.ScannerException;
import io.kso.operator.posture.KubescapeScanHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubescape-svc's side of the conversation, with WireMock standing in for it. */
class HttpPostureScannerTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String BUSY =
      "{\"id\":\"3f1c2d4e\",\"type\":\"busy\",\"response\":\"scanning '3f1c2d4e' is in progress\"}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private WireMockServer kubescape;
  private HttpPostureScanner scanner;

  @BeforeEach
  void start() {
    kubescape =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    kubescape.start();
    scanner = scannerAt("127.0.0.1:" + kubescape.port());
  }

  @AfterEach
  void stop() {
    kubescape.stop();
  }

  @Test
  void postsTheRequestAsItsJsonBodyToScanWithKeepFalse() throws IOException {
    byte[] sample = resource("messages/post-scan-request-full.json");
    kubescape.stubFor(
        post(urlEqualTo("/v1/scan?keep=false")).willReturn(aResponse().withBody(BUSY)));

    ScanState state = scanner.start(WireJson.read(sample, PostScanRequest.class));

    assertThat(state)
        .isEqualTo(new ScanState("3f1c2d4e", true, "scanning '3f1c2d4e' is in progress"));
    kubescape.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/scan?keep=false"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(new String(sample, java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void theCommandsScanV1IsTheBodyKubescapeGets() throws IOException {
    byte[] sample = resource("messages/post-scan-request-full.json");
    kubescape.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(aResponse().withBody("{\"id\":\"s\",\"type\":\"notBusy\"}")));
    Command command =
        Command.of(CommandName.KUBESCAPE_SCAN)
            .withArgs(Map.of("scanV1", WireJson.read(sample, Map.class)));

    new KubescapeScanHandler(
            scanner,
            JobStatus.NONE,
            new KubescapeScanHandler.Options(
                false, Duration.ofSeconds(40), Duration.ofHours(2), 3, Duration.ofMinutes(5)),
            d -> {})
        .handle(command);

    kubescape.verify(
        postRequestedFor(urlEqualTo("/v1/scan?keep=false"))
            .withRequestBody(
                equalToJson(new String(sample, java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void asksForTheStatusWithTheIdInTheIdQueryParameter() {
    kubescape.stubFor(
        get(urlPathEqualTo("/v1/status"))
            .willReturn(aResponse().withBody("{\"id\":\"\",\"type\":\"notBusy\"}")));

    ScanState state = scanner.status("3f1c2d4e-aaaa 4bbb&x");

    assertThat(state.busy()).isFalse();
    kubescape.verify(1, getRequestedFor(urlEqualTo("/v1/status?ID=3f1c2d4e-aaaa+4bbb%26x")));
  }

  @Test
  void aBusyStatusIsBusy() {
    kubescape.stubFor(
        get(urlEqualTo("/v1/status?ID=3f1c2d4e")).willReturn(aResponse().withBody(BUSY)));

    assertThat(scanner.status("3f1c2d4e").busy()).isTrue();
  }

  @Test
  void anErrorResponseIsAFailureWithKubescapesMessage() {
    kubescape.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"id\":\"s9\",\"type\":\"error\",\"response\":\"framework 'nope' not found\"}")));

    assertThatThrownBy(() -> scanner.start(request()))
        .isExactlyInstanceOf(ScannerException.class)
        .hasMessage("Kubescape scanID 's9' returned an error: framework 'nope' not found");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"500", "502", "400", "404"})
  void anAnswerOutside2xxIsAFailureNamingItAndTheCall(int status) {
    kubescape.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withBody("{\"type\":\"error\",\"response\":\"bad\"}")));

    assertThatThrownBy(() -> scanner.start(request()))
        .isExactlyInstanceOf(ScannerException.class)
        .hasMessage(
            "kubescape-svc answered "
                + status
                + " to POST /v1/scan: {\"type\":\"error\",\"response\":\"bad\"}");
  }

  @Test
  void aLongErrorBodyIsCutShort() {
    kubescape.stubFor(
        get(urlPathEqualTo("/v1/status"))
            .willReturn(aResponse().withStatus(500).withBody("x".repeat(5000))));

    assertThatThrownBy(() -> scanner.status("s1"))
        .hasMessageStartingWith("kubescape-svc answered 500 to GET /v1/status: xxx")
        .message()
        .hasSizeLessThan(400);
  }

  @Test
  void aBodyThatIsNotAKubescapeResponseIsAFailure() {
    kubescape.stubFor(
        post(urlPathEqualTo("/v1/scan")).willReturn(aResponse().withBody("<html>proxy</html>")));

    assertThatThrownBy(() -> scanner.start(request()))
        .isExactlyInstanceOf(ScannerException.class)
        .hasMessageContaining("not a kubescape response");
  }

  @Test
  void a503WithRetryAfterSecondsIsBusy() {
    kubescape.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(
                aResponse().withStatus(503).withHeader("Retry-After", "7").withBody("queue full")));

    assertThatThrownBy(() -> scanner.start(request()))
        .isInstanceOfSatisfying(
            ScannerBusyException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
              assertThat(e).hasMessage("kubescape-svc answered 503 to POST /v1/scan: queue full");
            });
  }

  @Test
  void a503WithRetryAfterAsADateIsBusyUntilThen() {
    kubescape.stubFor(
        get(urlPathEqualTo("/v1/status"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Retry-After", "Tue, 01 Dec 2026 10:00:30 GMT")));

    assertThatThrownBy(() -> scanner.status("s1"))
        .isInstanceOfSatisfying(
            ScannerBusyException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void a503WithoutRetryAfterIsAPlainFailure() {
    kubescape.stubFor(post(urlPathEqualTo("/v1/scan")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> scanner.start(request()))
        .isExactlyInstanceOf(ScannerException.class)
        .hasMessageStartingWith("kubescape-svc answered 503 to POST /v1/scan");
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      nullValues = "null",
      value = {
        "0,PT0S",
        "120,PT2M",
        "' 5 ',PT5S",
        "-1,null",
        "soon,null",
        "null,null",
        "'Tue, 01 Dec 2026 09:00:00 GMT',PT0S"
      })
  void readsRetryAfter(String header, String expected) {
    assertThat(HttpPostureScanner.retryAfter(header, NOW))
        .isEqualTo(expected == null ? null : Duration.parse(expected));
  }

  @Test
  void anUnreachableKubescapeIsAFailureNamingWhere() throws IOException {
    int closed = freePort();
    HttpPostureScanner gone = scannerAt("127.0.0.1:" + closed);

    assertThatThrownBy(() -> gone.start(request()))
        .isExactlyInstanceOf(ScannerException.class)
        .hasMessageStartingWith(
            "kubescape-svc at 127.0.0.1:" + closed + " cannot be reached (POST /v1/scan)");
    assertThat(gone.ready()).isFalse();
  }

  @Test
  void isReadyWhenHeadReadyzAnswers200() {
    kubescape.stubFor(head(urlEqualTo("/readyz")).willReturn(aResponse().withStatus(200)));

    assertThat(scanner.ready()).isTrue();
    kubescape.verify(1, new RequestPatternBuilder(RequestMethod.HEAD, urlEqualTo("/readyz")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"503", "404", "500"})
  void isNotReadyOtherwise(int status) {
    kubescape.stubFor(head(urlEqualTo("/readyz")).willReturn(aResponse().withStatus(status)));

    assertThat(scanner.ready()).isFalse();
  }

  private HttpPostureScanner scannerAt(String hostPort) {
    return new HttpPostureScanner(
        http, hostPort, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static PostScanRequest request() {
    return WireJson.convert(
        Map.of("targetType", "Framework", "targetNames", List.of("nsa")), PostScanRequest.class);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = HttpPostureScannerTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
