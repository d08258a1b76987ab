package io.kso.operator.posture;

import static io.kso.operator.testing.FakePostureScanner.busy;
import static io.kso.operator.testing.FakePostureScanner.notBusy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kso.common.message.Command;
import io.kso.common.message.PostScanRequest;
import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.JobStatus;
import io.kso.operator.port.ScannerBusyException;
import io.kso.operator.port.ScannerException;
import io.kso.operator.testing.FakePostureScanner;
import io.kso.operator.testing.RecordingJobReporter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubescapeScanHandlerTest {
  private static final String SCAN_NSA =
      "{\"commandName\":\"kubescapeScan\",\"jobTracking\":{\"jobID\":\"job-1\",\"parentAction\":\"p-0\",\"numSeq\":1},"
          + "\"args\":{\"scanV1\":{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\"]}}}";
  private static final Duration POLL = Duration.ofSeconds(40);

  private final FakePostureScanner scanner = new FakePostureScanner();
  private final RecordingJobReporter reporter = new RecordingJobReporter();
  private final JobStatus status =
      new JobStatus(
          reporter,
          "acc-1",
          "c1",
          Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

  @Test
  void reportsStartedEachBusyPollThenDoneWithTheJobsIds() {
    scanner.then(busy("s1")).then(busy("s1")).then(busy("s1")).then(notBusy());

    List<SystemReport> reports = runThroughDispatcher(handler(true), SCAN_NSA);

    assertThat(reports)
        .extracting(r -> r.status() + ": " + r.details())
        .containsExactly(
            "started: Handling single request",
            "started: triggered successfully, scan ID: 's1'",
            "started: Kubescape get job status for scanID 's1' is busy next handle time is 40s",
            "started: Kubescape get job status for scanID 's1' is busy next handle time is 40s",
            "done: ");
    assertThat(reports)
        .allSatisfy(
            r -> {
              assertThat(r.jobId()).isEqualTo("job-1");
              assertThat(r.parentId()).isEqualTo("p-0");
              assertThat(r.action()).isEqualTo("kubescapeScan");
              assertThat(r.customerGuid()).isEqualTo("acc-1");
              assertThat(r.target()).isEqualTo("wlid://cluster-c1/");
              assertThat(r.numSeq()).isEqualTo(2);
            });
    assertThat(scanner.started())
        .singleElement()
        .extracting(PostScanRequest::targetNames)
        .isEqualTo(List.of("nsa", "security"));
    assertThat(scanner.polled()).containsExactly("s1", "s1", "s1");
    assertThat(pauses).containsExactly(POLL, POLL, POLL);
  }

  @Test
  void aScanThatIsNotBusyAtOnceIsDoneWithoutPolling() {
    scanner.then(notBusy());

    handler(false).handle(command(SCAN_NSA));

    assertThat(scanner.polled()).isEmpty();
    assertThat(pauses).isEmpty();
  }

  @Test
  void passesScanV1ToKubescapeAsItIs() throws IOException {
    byte[] sample = resource("messages/post-scan-request-full.json");
    Command command =
        Command.of(io.kso.common.message.CommandName.RUN_KUBESCAPE_JOB)
            .withArgs(Map.of("scanV1", WireJson.read(sample, Map.class)));

    handler(false).handle(command);

    assertThat(WireJson.mapper().readTree(WireJson.write(scanner.started().get(0))))
        .isEqualTo(WireJson.mapper().readTree(sample));
  }

  @Test
  void aCommandWithoutScanV1FailsWithTheOriginalsReason() {
    List<SystemReport> reports =
        runThroughDispatcher(handler(true), "{\"commandName\":\"kubescapeScan\",\"args\":{}}");

    assertThat(reports)
        .last()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo("failure");
              assertThat(r.errors())
                  .containsExactly("Action: kubescapeScan, Error: request not found");
            });
    assertThat(scanner.started()).isEmpty();
  }

  @Test
  void anErrorFromKubescapeFailsTheJobWithIt() {
    scanner.thenFail(
        new ScannerException("Kubescape scanID 's1' returned an error: no frameworks", null));

    List<SystemReport> reports = runThroughDispatcher(handler(true), SCAN_NSA);

    assertThat(reports).extracting(SystemReport::status).containsExactly("started", "failure");
    assertThat(reports.get(1).errors())
        .containsExactly(
            "Action: kubescapeScan, Error: Kubescape scanID 's1' returned an error: no frameworks");
  }

  @Test
  void kubescapeGoneWhileBusyFailsTheJobAfterTheStepsSoFar() {
    scanner
        .then(busy("s1"))
        .then(busy("s1"))
        .thenFail(new ScannerException("kubescape-svc at k:8080 cannot be reached", null));

    List<SystemReport> reports = runThroughDispatcher(handler(true), SCAN_NSA);

    assertThat(reports)
        .extracting(SystemReport::status)
        .containsExactly("started", "started", "started", "failure");
    assertThat(reports.get(3).errors()).singleElement().asString().contains("cannot be reached");
  }

  @Test
  void aBusyKubescapeIsAskedAgainAfterItsRetryAfter() {
    scanner
        .thenFail(new ScannerBusyException("kubescape-svc answered 503", Duration.ofSeconds(7)))
        .thenFail(new ScannerBusyException("kubescape-svc answered 503", Duration.ofSeconds(3)))
        .then(busy("s1"))
        .then(notBusy());

    handler(true).handle(command(SCAN_NSA));

    assertThat(scanner.started()).hasSize(3);
    assertThat(pauses).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3), POLL);
    assertThat(reporter.steps())
        .containsExactly(
            "started: kubescape-svc is busy, trying again in 7s (1 of 3)",
            "started: kubescape-svc is busy, trying again in 3s (2 of 3)",
            "started: triggered successfully, scan ID: 's1'");
  }

  @Test
  void aStatusPollAnsweredBusyIsRetriedToo() {
    scanner
        .then(busy("s1"))
        .thenFail(new ScannerBusyException("503", Duration.ofSeconds(2)))
        .then(notBusy());

    handler(true).handle(command(SCAN_NSA));

    assertThat(scanner.polled()).containsExactly("s1", "s1");
    assertThat(pauses).containsExactly(POLL, Duration.ofSeconds(2));
  }

  @Test
  void givesUpWhenKubescapeStaysBusy() {
    for (int i = 0; i < 4; i++) {
      scanner.thenFail(
          new ScannerBusyException("kubescape-svc answered 503", Duration.ofSeconds(1)));
    }

    assertThatThrownBy(() -> handler(true).handle(command(SCAN_NSA)))
        .isInstanceOf(ScannerException.class)
        .hasMessage("kubescape-svc still busy after 3 retries: kubescape-svc answered 503");
    assertThat(scanner.started()).hasSize(4);
  }

  @Test
  void aLongRetryAfterIsCappedAtTheLimit() {
    scanner.thenFail(new ScannerBusyException("503", Duration.ofHours(1))).then(notBusy());

    handler(true).handle(command(SCAN_NSA));

    assertThat(pauses).containsExactly(Duration.ofMinutes(5));
  }

  @Test
  void stopsFollowingAfterTheLimitAndSaysSo() {
    for (int i = 0; i < 10; i++) {
      scanner.then(busy("s1"));
    }
    KubescapeScanHandler handler =
        new KubescapeScanHandler(
            scanner,
            status,
            new KubescapeScanHandler.Options(
                false, POLL, Duration.ofSeconds(80), 3, Duration.ofMinutes(5)),
            pauses::add);

    assertThatThrownBy(() -> handler.handle(command(SCAN_NSA)))
        .hasMessage("kubescape scan 's1' still busy after 1m20s: no longer followed");
    assertThat(scanner.polled()).hasSize(2);
  }

  @ParameterizedTest(name = "{0} {1} security={2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Framework | nsa,mitre    | true  | nsa,mitre,security",
        "framework | nsa          | true  | nsa,security",
        "FRAMEWORK | nsa          | true  | nsa,security",
        "Framework | all          | true  | all",
        "Framework | security,nsa | true  | security,nsa",
        "Control   | C-0001       | true  | C-0001",
        "Framework | nsa          | false | nsa",
      })
  void addsTheSecurityFrameworkToFrameworkScans(
      String type, String names, boolean on, String expected) {
    PostScanRequest request =
        WireJson.convert(
            Map.of("targetType", type, "targetNames", List.of(names.split(","))),
            PostScanRequest.class);

    assertThat(handler(on).withSecurityFramework(request).targetNames())
        .containsExactly(expected.split(","));
  }

  @Test
  void theSecurityFrameworkLeavesEveryOtherFieldAlone() throws IOException {
    byte[] sample = resource("messages/post-scan-request-full.json");
    PostScanRequest request = WireJson.read(sample, PostScanRequest.class);

    PostScanRequest extended = handler(true).withSecurityFramework(request);

    @SuppressWarnings("unchecked")
    Map<String, Object> expected = WireJson.read(sample, Map.class);
    expected.put("targetNames", List.of("nsa", "mitre", "security"));
    assertThat(WireJson.mapper().readTree(WireJson.write(extended)))
        .isEqualTo(WireJson.mapper().valueToTree(expected));
  }

  private KubescapeScanHandler handler(boolean security) {
    return new KubescapeScanHandler(
        scanner,
        status,
        new KubescapeScanHandler.Options(
            security, POLL, Duration.ofHours(2), 3, Duration.ofMinutes(5)),
        pauses::add);
  }

  private List<SystemReport> runThroughDispatcher(KubescapeScanHandler handler, String json) {
    try (CommandDispatcher dispatcher = new CommandDispatcher(List.of(handler), 1, 10, status)) {
      dispatcher.submit(List.of(command(json)));
      await().atMost(Duration.ofSeconds(10)).until(reporter::finished);
    }
    return reporter.reports();
  }

  private static Command command(String json) {
    return WireJson.read(json, Command.class);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        KubescapeScanHandlerTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
