package io.kso.kubescape.posture;

import io.kso.kubescape.posture.PostureServiceException.Reason;
import io.kso.kubescape.scan.ScanReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The posture metrics of {@code GET /v1/metrics}. The original scans on every scrape; this serves
 * the latest completed whole-cluster scan of the metrics frameworks while it is younger than the
 * maximum age, and only then scans (joining a scan of the same request already queued).
 */
public final class MetricsCache {
  private final PostureScans scans;
  private final ScanRequest request;
  private final Function<ScanReport, String> render;
  private final Duration maxAge;
  private final Clock clock;
  private String text;
  private Instant at = Instant.MIN;

  /**
   * @param request the scan a stale scrape runs: whole cluster, the metrics frameworks, no submit
   * @param render the text of a report
   */
  public MetricsCache(
      PostureScans scans,
      ScanRequest request,
      Function<ScanReport, String> render,
      Duration maxAge,
      Clock clock) {
    this.scans = scans;
    this.request = request;
    this.render = render;
    this.maxAge = maxAge;
    this.clock = clock;
    scans.onCompleted(this::offer);
  }

  /** Keeps the metrics of a completed scan that covers the metrics frameworks. */
  void offer(ScanRequest completed, ScanReport report) {
    if (report == null || !completed.wholeCluster() || !covers(completed.frameworks())) {
      return;
    }
    String rendered = render.apply(report);
    synchronized (this) {
      text = rendered;
      at = clock.instant();
    }
  }

  private boolean covers(List<String> frameworks) {
    List<String> have = frameworks.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    return request.frameworks().stream().allMatch(f -> have.contains(f.toLowerCase(Locale.ROOT)));
  }

  /** The metrics text: the cached one while fresh, else that of a scan started now. */
  public CompletableFuture<String> current() {
    synchronized (this) {
      if (text != null && at.plus(maxAge).isAfter(clock.instant())) {
        return CompletableFuture.completedFuture(text);
      }
    }
    PostureScans.Ticket ticket = scans.submit(request);
    return scans
        .completion(ticket.id())
        .thenApply(
            view -> {
              if (view.state() != ScanState.DONE) {
                throw new PostureServiceException(
                    Reason.SCAN_FAILED, "the metrics scan did not complete: " + view.error());
              }
              synchronized (this) {
                return text;
              }
            });
  }
}
