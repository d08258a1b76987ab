package io.kso.kubevuln.adapter.report;

import io.kso.common.http.JsonPost;
import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanResult;
import io.kso.kubevuln.service.port.ScanReports;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event receiver: job steps to {@code /k8s/sysreport} (reporter {@code ca-vuln-scan}) and
 * results to {@code /k8s/v2/containerScan?customerGUID=} in chunks. A message that cannot be
 * delivered after three attempts is logged; a result that cannot be delivered fails the scan.
 */
public final class EventReceiverReports implements ScanReports {
  private static final Logger log = LoggerFactory.getLogger(EventReceiverReports.class);
  private static final int ATTEMPTS = 3;

  private final JsonPost post;
  private final String base;
  private final String customerGuid;
  private final String clusterName;
  private final Clock clock;

  public EventReceiverReports(
      HttpClient http,
      String eventReceiverUrl,
      String customerGuid,
      String clusterName,
      Clock clock,
      Duration retryDelay) {
    this.post = new JsonPost(http, ATTEMPTS, retryDelay, Duration.ofSeconds(30));
    this.base =
        (eventReceiverUrl.contains("://") ? eventReceiverUrl : "http://" + eventReceiverUrl)
            .replaceAll("/+$", "");
    this.customerGuid = customerGuid;
    this.clusterName = clusterName;
    this.clock = clock;
  }

  @Override
  public void status(ScanJob job, String step, String error) {
    SystemReport report =
        new SystemReport(
            customerGuid,
            "ca-vuln-scan",
            "vuln scan:: scanning wlid: %s , container: %s imageTag: %s imageHash: %s"
                .formatted(job.wlid(), job.containerName(), job.imageTag(), job.image()),
            error == null ? "success" : "failure",
            "vuln scan",
            error == null ? List.of() : List.of(error),
            Integer.toString(job.actionIdn() + 1),
            job.actionIdn() + 1,
            job.jobId(),
            job.parentJobId(),
            step,
            clock.instant());
    if (!post(URI.create(base + SystemReport.PATH), WireJson.write(report))) {
      log.atWarn().log("scan status not delivered to the event receiver");
    }
  }

  @Override
  public void results(ScanResult result) {
    URI uri =
        URI.create(
            base
                + "/k8s/v2/containerScan?customerGUID="
                + URLEncoder.encode(customerGuid, StandardCharsets.UTF_8));
    for (Map<String, Object> chunk : ContainerScanChunks.of(result, customerGuid, clusterName)) {
      if (!post(uri, WireJson.write(chunk))) {
        throw new IllegalStateException("the event receiver did not take the scan results");
      }
    }
  }

  private boolean post(URI uri, byte[] body) {
    try {
      JsonPost.Outcome outcome = post.send(uri, body, JsonPost.RetryOn.ANY_FAILURE);
      if (!outcome.succeeded()) {
        log.atDebug().log("event receiver: " + outcome.problem());
      }
      return outcome.succeeded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
