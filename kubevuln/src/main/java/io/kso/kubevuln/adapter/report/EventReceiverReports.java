package io.kso.kubevuln.adapter.report;

import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanResult;
import io.kso.kubevuln.service.port.ScanReports;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private final HttpClient http;
  private final String base;
  private final String customerGuid;
  private final String clusterName;
  private final Clock clock;
  private final Duration retryDelay;

  public EventReceiverReports(
      HttpClient http,
      String eventReceiverUrl,
      String customerGuid,
      String clusterName,
      Clock clock,
      Duration retryDelay) {
    this.http = http;
    this.base =
        (eventReceiverUrl.contains("://") ? eventReceiverUrl : "http://" + eventReceiverUrl)
            .replaceAll("/+$", "");
    this.customerGuid = customerGuid;
    this.clusterName = clusterName;
    this.clock = clock;
    this.retryDelay = retryDelay;
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
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return true;
        }
      } catch (IOException e) {
        log.atDebug().log("event receiver: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(retryDelay.toMillis() * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
