package io.kso.kubescape.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kso.kubescape.adapter.http.EventReceiverOptions.Retry;
import io.kso.kubescape.port.PublishException;
import io.kso.kubescape.port.PublishException.Reason;
import io.kso.kubescape.port.PublishRequest;
import io.kso.kubescape.posture.ChunkAssembly;
import io.kso.kubescape.posture.ChunkAssembly.Assembled;
import io.kso.kubescape.posture.SampleScans;
import io.kso.kubescape.scan.ScanReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** The publisher against WireMock standing in for the event receiver. */
class EventReceiverReportPublisherTest {
  static final String PATH = PostureReportUrl.PATH;
  static final String GUID = "8D8A7A1C-0E0E-4C4C-9B9B-0123456789AB";
  static final String ACCESS_KEY = "s3cr3t-access-key";
  static final Retry RETRY = new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static ScanReport scanned;

  @TempDir static Path tmp;

  WireMockServer receiver;
  final List<Duration> waits = new ArrayList<>();
  Path report;

  @BeforeAll
  static void scan() {
    scanned = SampleScans.synthetic(300, "nsa");
  }

  @BeforeEach
  void start() {
    receiver = new WireMockServer(options().dynamicPort());
    receiver.start();
    report = SampleScans.writeJson(scanned, tmp.resolve("report.json"));
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  EventReceiverReportPublisher publisher(URI url, int maxChunkBytes) {
    return new EventReceiverReportPublisher(
        HTTP,
        new EventReceiverOptions(url, ACCESS_KEY, maxChunkBytes, RETRY, Duration.ofSeconds(5)),
        waits::add);
  }

  EventReceiverReportPublisher publisher(int maxChunkBytes) {
    return publisher(URI.create(receiver.baseUrl()), maxChunkBytes);
  }

  PublishRequest request() {
    return PublishRequest.builder()
        .reportFile(report)
        .reportId("5a3f3e1e-1111-4222-8333-944445555666")
        .jobId("job-7")
        .customerGuid(GUID)
        .clusterName("prod.eu/1")
        .build();
  }

  List<LoggedRequest> received() {
    return receiver.findAll(postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aReportArrivesAsChunksThatReassembleToTheStoredArrays() {
    receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(ok()));

    publisher(16 * 1024).publish(request());

    List<LoggedRequest> requests = received();
    JsonNode stored = ChunkAssembly.read(report);
    Assembled a = ChunkAssembly.assemble(requests.stream().map(LoggedRequest::getBody).toList());
    assertThat(requests).hasSizeGreaterThan(5);
    assertThat(a.resources()).isEqualTo(stored.get("resources"));
    assertThat(a.results()).isEqualTo(stored.get("results"));
    for (LoggedRequest r : requests) {
      assertThat(r.getUrl())
          .isEqualTo(
              PATH
                  + "?clusterName=prod-eu-1&contextName=prod-eu-1"
                  + "&customerGUID=8d8a7a1c-0e0e-4c4c-9b9b-0123456789ab"
                  + "&reportGUID=5a3f3e1e-1111-4222-8333-944445555666");
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(r.getHeader("X-API-KEY")).isEqualTo(ACCESS_KEY);
    }
    for (JsonNode c : a.chunks()) {
      assertThat(c.get("customerGUID").asString())
          .isEqualTo("8d8a7a1c-0e0e-4c4c-9b9b-0123456789ab");
      assertThat(c.get("clusterName").asString()).isEqualTo("prod-eu-1");
      assertThat(c.get("reportGUID").asString()).isEqualTo("5a3f3e1e-1111-4222-8333-944445555666");
      assertThat(c.get("jobID").asString()).isEqualTo("job-7");
      assertThat(c.get("summaryDetails")).isEqualTo(stored.get("summaryDetails"));
    }
    assertThat(waits).isEmpty();
  }

  @Test
  void aBackendThatIsDownGetsBoundedAttemptsThenThePublishFails() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                publisher(URI.create("http://127.0.0.1:" + closed), 1024 * 1024).publish(request()))
        .isInstanceOfSatisfying(
            PublishException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
              assertThat(e.chunk()).isZero();
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.status()).isZero();
              assertThat(e.getCause()).isInstanceOf(IOException.class);
            });
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void twoServiceUnavailableAnswersThenOkDeliversTheReport() {
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    receiver.stubFor(
        post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));

    publisher(64 * 1024 * 1024).publish(request());

    List<LoggedRequest> requests = received();
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .extracting(LoggedRequest::getBodyAsString)
        .containsOnly(requests.get(0).getBodyAsString());
    JsonNode delivered = ChunkAssembly.JSON.readTree(requests.get(2).getBody());
    assertThat(delivered.at("/paginationInfo/isLastChunk").asBoolean()).isTrue();
    assertThat(delivered.get("resources")).isEqualTo(ChunkAssembly.read(report).get("resources"));
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aTooManyRequestsAnswerWaitsWhatRetryAfterAsks() {
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("free"));
    receiver.stubFor(
        post(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("free").willReturn(ok()));

    publisher(64 * 1024 * 1024).publish(request());

    assertThat(received()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aBadRequestIsNotRetried() {
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(400).withBody("missing cluster name")));

    assertThatThrownBy(() -> publisher(16 * 1024).publish(request()))
        .isInstanceOfSatisfying(
            PublishException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REJECTED);
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.chunk()).isZero();
              assertThat(e).hasMessageContaining("missing cluster name");
            });
    assertThat(received()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aFailureAfterTheFirstChunksNamesTheChunkThatFailed() {
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .withRequestBody(containing("\"chunkNumber\":2,"))
            .willReturn(aResponse().withStatus(500)));
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .withRequestBody(notContaining("\"chunkNumber\":2,"))
            .willReturn(ok()));

    assertThatThrownBy(() -> publisher(16 * 1024).publish(request()))
        .isInstanceOfSatisfying(
            PublishException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
              assertThat(e.chunk()).isEqualTo(2);
              assertThat(e.status()).isEqualTo(500);
            });
    // chunks 0 and 1 once, chunk 2 three times, nothing after it
    assertThat(received()).hasSize(5);
  }

  @Test
  void neverLogsTheAccessKey() {
    Logger logger = (Logger) LoggerFactory.getLogger(EventReceiverReportPublisher.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(events);
    receiver.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("once")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    receiver.stubFor(
        post(urlPathEqualTo(PATH)).inScenario("once").whenScenarioStateIs("ok").willReturn(ok()));
    try {
      publisher(16 * 1024).publish(request());
    } finally {
      logger.detachAppender(events);
      logger.setLevel(level);
    }

    assertThat(events.list).isNotEmpty();
    assertThat(events.list)
        .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("trying again"))
        .anySatisfy(
            e -> assertThat(e.getFormattedMessage()).contains("delivered to the event receiver"))
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).doesNotContain(ACCESS_KEY);
              assertThat(String.valueOf(e.getKeyValuePairs())).doesNotContain(ACCESS_KEY);
              assertThat(String.valueOf(e.getKeyValuePairs()))
                  .contains("reportId")
                  .contains("jobId");
            });
    assertThat(
            new EventReceiverOptions(URI.create("http://x"), ACCESS_KEY, 1, null, null).toString())
        .doesNotContain(ACCESS_KEY);
  }

  @Test
  void anUnreadableReportOrAnInvalidAccountSendsNothing() throws IOException {
    receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(ok()));
    Path broken =
        Files.writeString(tmp.resolve("broken.json"), "{\"summaryDetails\":{}, \"resources\":[");
    PublishRequest unreadable =
        PublishRequest.builder()
            .reportFile(broken)
            .reportId("r")
            .customerGuid(GUID)
            .clusterName("c")
            .build();
    PublishRequest badGuid =
        PublishRequest.builder()
            .reportFile(report)
            .reportId("r")
            .customerGuid("not-a-guid")
            .clusterName("c")
            .build();

    assertThatThrownBy(() -> publisher(1024).publish(unreadable))
        .isInstanceOfSatisfying(
            PublishException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_REPORT));
    assertThatThrownBy(() -> publisher(1024).publish(badGuid))
        .isInstanceOfSatisfying(
            PublishException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
    assertThat(received()).isEmpty();
  }

  @Test
  void escapesQueryValuesAsGoDoesAndAcceptsTheUuidFormsGoParses() {
    assertThat(PostureReportUrl.queryEscape("a b/c~d*é")).isEqualTo("a+b%2Fc~d%2A%C3%A9");
    assertThat(PostureReportUrl.adoptName("kind-kind")).isEqualTo("kind-kind");
    assertThat(PostureReportUrl.adoptName("arn:aws:eks:eu/prod")).isEqualTo("arn-aws-eks-eu-prod");
    String canonical = "8d8a7a1c-0e0e-4c4c-9b9b-0123456789ab";
    assertThat(PostureReportUrl.canonicalUuid(GUID)).isEqualTo(canonical);
    assertThat(PostureReportUrl.canonicalUuid("{" + canonical + "}")).isEqualTo(canonical);
    assertThat(PostureReportUrl.canonicalUuid("urn:uuid:" + canonical)).isEqualTo(canonical);
    assertThat(PostureReportUrl.canonicalUuid(canonical.replace("-", ""))).isEqualTo(canonical);
  }

  @Test
  void backsOffExponentiallyUpToTheCap() {
    Retry r = new Retry(10, Duration.ofMillis(500), Duration.ofSeconds(3));

    assertThat(List.of(1, 2, 3, 4, 5))
        .extracting(n -> r.backoff(n, null))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3));
    assertThat(r.backoff(1, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(3));
  }
}
