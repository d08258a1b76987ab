package io.kso.kubescape.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kso.kubescape.scan.ScanReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostureScansTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private PostureScans scans;

  @AfterEach
  void close() {
    release.countDown();
    scans.close();
  }

  private PostureScans.Work blockingWork() {
    return (id, request, cancellation) -> {
      ran.add(id);
      while (!release.await(20, TimeUnit.MILLISECONDS)) {
        cancellation.check();
      }
      cancellation.check();
      return null;
    };
  }

  private static ScanRequest request(String framework) {
    return ScanRequest.builder().frameworks(List.of(framework)).build();
  }

  @Test
  void runsScansOneAtATimeInOrder() throws Exception {
    scans = new PostureScans(blockingWork(), 4, Clock.systemUTC());
    String first = scans.submit(request("NSA")).id();
    String second = scans.submit(request("MITRE")).id();
    await().until(() -> ran.size() == 1);
    assertThat(scans.status(first).orElseThrow().state()).isEqualTo(ScanState.RUNNING);
    assertThat(scans.status(second).orElseThrow().state()).isEqualTo(ScanState.QUEUED);
    release.countDown();
    assertThat(scans.completion(second).get(5, TimeUnit.SECONDS).state()).isEqualTo(ScanState.DONE);
    assertThat(ran).containsExactly(first, second);
    assertThat(scans.latest()).isEqualTo(second);
  }

  @Test
  void anIdenticalRequestJoinsTheQueuedOrRunningScan() {
    scans = new PostureScans(blockingWork(), 4, Clock.systemUTC());
    PostureScans.Ticket running = scans.submit(request("NSA"));
    await().until(() -> ran.size() == 1);
    PostureScans.Ticket queued = scans.submit(request("MITRE"));
    assertThat(scans.submit(request("NSA"))).isEqualTo(new PostureScans.Ticket(running.id(), true));
    assertThat(scans.submit(request("MITRE")))
        .isEqualTo(new PostureScans.Ticket(queued.id(), true));
    assertThat(queued.joined()).isFalse();
  }

  @Test
  void aFullQueueRefusesWithARetryTime() {
    scans = new PostureScans(blockingWork(), 1, Clock.systemUTC());
    scans.submit(request("NSA"));
    await().until(() -> ran.size() == 1);
    scans.submit(request("MITRE"));
    assertThatThrownBy(() -> scans.submit(request("cis-v1.10.0")))
        .isInstanceOfSatisfying(
            PostureServiceException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(PostureServiceException.Reason.QUEUE_FULL);
              assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            });
  }

  @Test
  void cancelsAQueuedScanAndARunningOne() throws Exception {
    scans = new PostureScans(blockingWork(), 4, Clock.systemUTC());
    String running = scans.submit(request("NSA")).id();
    await().until(() -> ran.size() == 1);
    String queued = scans.submit(request("MITRE")).id();
    assertThat(scans.cancel(queued)).isTrue();
    assertThat(scans.status(queued).orElseThrow().state()).isEqualTo(ScanState.CANCELLED);
    assertThat(scans.cancel(running)).isTrue();
    ScanView ended = scans.completion(running).get(5, TimeUnit.SECONDS);
    assertThat(ended.state()).isEqualTo(ScanState.CANCELLED);
    assertThat(ran).containsExactly(running);
    assertThat(scans.cancel(running)).isFalse();
  }

  @Test
  void aFailedScanIsReportedAndTheQueueGoesOn() throws Exception {
    scans =
        new PostureScans(
            (id, request, c) -> {
              if (request.frameworks().contains("NSA")) {
                throw new IllegalStateException("API server unreachable");
              }
              return null;
            },
            4,
            Clock.systemUTC());
    String failed = scans.submit(request("NSA")).id();
    String next = scans.submit(request("MITRE")).id();
    ScanView view = scans.completion(failed).get(5, TimeUnit.SECONDS);
    assertThat(view.state()).isEqualTo(ScanState.FAILED);
    assertThat(view.error()).isEqualTo("API server unreachable");
    assertThat(scans.completion(next).get(5, TimeUnit.SECONDS).state()).isEqualTo(ScanState.DONE);
  }

  @Test
  void listenersSeeCompletedScansBeforeTheirCompletion() throws Exception {
    List<ScanRequest> seen = new CopyOnWriteArrayList<>();
    scans =
        new PostureScans(
            (id, request, c) -> new ScanReport(null, List.of(), List.of(), 0, 100, List.of()),
            4,
            Clock.systemUTC());
    scans.onCompleted((request, report) -> seen.add(request));
    String id = scans.submit(request("NSA")).id();
    scans.completion(id).get(5, TimeUnit.SECONDS);
    assertThat(seen).containsExactly(request("NSA"));
  }

  @Test
  void unknownIdsAreNotFound() {
    scans = new PostureScans(blockingWork(), 4, Clock.systemUTC());
    assertThat(scans.status("nope")).isEmpty();
    assertThat(scans.status("")).isEmpty();
    assertThat(scans.completion("nope")).isCompletedExceptionally();
  }
}
