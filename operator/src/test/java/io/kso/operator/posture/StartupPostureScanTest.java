package io.kso.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandException;
import io.kso.operator.command.JobStatus;
import io.kso.operator.testing.FakePostureScanner;
import io.kso.operator.testing.RecordingJobReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartupPostureScanTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final String BODY =
      "{\"hostScanner\":false,\"targetType\":\"Framework\",\"targetNames\":[\"allcontrols\",\"nsa\",\"mitre\",\"security\"]}";

  private final FakePostureScanner scanner = new FakePostureScanner();
  private final RecordingJobReporter reporter = new RecordingJobReporter();
  private final JobStatus status = new JobStatus(reporter, "acc-1", "c1", Clock.systemUTC());
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private final CommandDispatcher dispatcher =
      new CommandDispatcher(
          List.of(
              new KubescapeScanHandler(
                  scanner,
                  status,
                  new KubescapeScanHandler.Options(
                      true, Duration.ofSeconds(40), Duration.ofHours(2), 3, Duration.ofMinutes(5)),
                  pauses::add)),
          1,
          10,
          status);
  private StartupPostureScan startup;

  @AfterEach
  void stop() {
    if (startup != null) {
      startup.close();
    }
    dispatcher.close();
  }

  @Test
  void scansTheClusterOnceAfterKubescapeBecomesReady() {
    scanner.readyAfter(3);

    startup = startup(new StartupPostureScan.Options(true, SECOND, Duration.ZERO));
    startup.start();

    await().atMost(Duration.ofSeconds(10)).until(reporter::finished);
    assertThat(scanner.readyCalls()).isEqualTo(4);
    assertThat(scanner.started()).hasSize(1);
    assertThat(WireJson.mapper().readTree(WireJson.write(scanner.started().get(0))))
        .isEqualTo(WireJson.mapper().readTree(BODY));
    assertThat(pauses).containsExactly(SECOND, SECOND, SECOND, SECOND);
    List<SystemReport> reports = reporter.reports();
    assertThat(reports)
        .extracting(SystemReport::status)
        .containsExactly("started", "started", "done");
    assertThat(reports)
        .allSatisfy(
            r -> {
              assertThat(r.action()).isEqualTo("kubescapeScan");
              assertThat(r.target()).isEqualTo("wlid://cluster-c1");
              assertThat(r.jobId()).isEqualTo(reports.get(0).jobId()).isNotBlank();
              assertThat(r.parentId()).isEmpty();
              assertThat(r.numSeq()).isEqualTo(1);
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> !startup.running());
    assertThat(scanner.readyCalls()).isEqualTo(4);
  }

  @Test
  void theCommandIsTheOriginals() {
    Command command = StartupPostureScan.command("prod-1");

    assertThat(command.commandName()).isEqualTo(CommandName.KUBESCAPE_SCAN);
    assertThat(command.wildWlid()).isEqualTo("wlid://cluster-prod-1");
    assertThat(WireJson.mapper().readTree(WireJson.write(command.args().get("scanV1"))))
        .isEqualTo(
            WireJson.mapper()
                .readTree(
                    "{\"hostScanner\":false,\"targetType\":\"Framework\",\"targetNames\":[\"allcontrols\",\"nsa\",\"mitre\"]}"));
    assertThat(command.jobTracking().jobId()).isNotBlank();
  }

  @Test
  void startReturnsAtOnceAndCloseStopsTheWait() {
    scanner.readyAfter(-1);
    startup =
        new StartupPostureScan(
            scanner,
            dispatcher::submit,
            "c1",
            new StartupPostureScan.Options(true, Duration.ofMillis(5), Duration.ZERO),
            Pause.sleeping());

    startup.start();

    assertThat(startup.running()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> scanner.readyCalls() >= 3);
    startup.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> !startup.running());
    assertThat(scanner.started()).isEmpty();
    assertThat(reporter.reports()).isEmpty();
  }

  @Test
  void aBoundedWaitGivesUpWithoutAScan() {
    scanner.readyAfter(-1);

    startup = startup(new StartupPostureScan.Options(true, SECOND, Duration.ofSeconds(3)));
    startup.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> !startup.running());
    assertThat(scanner.readyCalls()).isEqualTo(3);
    assertThat(scanner.started()).isEmpty();
    assertThat(reporter.reports()).isEmpty();
  }

  @Test
  void switchedOffOrWithoutKubescapeNothingIsAttempted() {
    StartupPostureScan off = startup(new StartupPostureScan.Options(false, SECOND, Duration.ZERO));
    StartupPostureScan unconfigured =
        new StartupPostureScan(
            null,
            dispatcher::submit,
            "c1",
            new StartupPostureScan.Options(true, SECOND, Duration.ZERO),
            pauses::add);

    off.start();
    unconfigured.start();

    assertThat(off.running()).isFalse();
    assertThat(unconfigured.running()).isFalse();
    assertThat(scanner.readyCalls()).isZero();
    assertThat(pauses).isEmpty();
  }

  @Test
  void aFullQueueIsTriedAgain() {
    scanner.readyAfter(0);
    AtomicInteger refusals = new AtomicInteger();
    List<Command> queued = Collections.synchronizedList(new ArrayList<>());
    Consumer<List<Command>> queue =
        commands -> {
          if (refusals.getAndIncrement() < 2) {
            throw new CommandException(CommandException.Reason.OVERLOADED, "the operator is busy");
          }
          queued.addAll(commands);
        };
    startup =
        new StartupPostureScan(
            scanner,
            queue,
            "c1",
            new StartupPostureScan.Options(true, SECOND, Duration.ZERO),
            pauses::add);

    startup.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> !startup.running());
    assertThat(queued)
        .singleElement()
        .extracting(Command::commandName)
        .isEqualTo(CommandName.KUBESCAPE_SCAN);
    assertThat(refusals).hasValue(3);
  }

  private StartupPostureScan startup(StartupPostureScan.Options options) {
    return new StartupPostureScan(scanner, dispatcher::submit, "c1", options, pauses::add);
  }
}
