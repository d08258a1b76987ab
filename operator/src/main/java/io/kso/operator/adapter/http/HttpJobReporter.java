package io.kso.operator.adapter.http;

import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.operator.port.JobReporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST {eventReceiverRestURL}/k8s/sysreport}, up to three attempts a second apart. */
public final class HttpJobReporter implements JobReporter {
  private static final Logger log = LoggerFactory.getLogger(HttpJobReporter.class);
  private static final int ATTEMPTS = 3;

  private final HttpClient http;
  private final URI sysreport;
  private final Duration retryDelay;

  public HttpJobReporter(HttpClient http, String eventReceiverRestUrl, Duration retryDelay) {
    this.http = http;
    String base =
        eventReceiverRestUrl.contains("://")
            ? eventReceiverRestUrl
            : "http://" + eventReceiverRestUrl;
    this.sysreport = URI.create(base.replaceAll("/+$", "") + SystemReport.PATH);
    this.retryDelay = retryDelay;
  }

  @Override
  public void report(SystemReport report) {
    HttpRequest post =
        HttpRequest.newBuilder(sysreport)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(report)))
            .build();
    String problem = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        int status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return;
        }
        problem = "answered " + status;
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (attempt < ATTEMPTS) {
        try {
          Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    log.atWarn()
        .addKeyValue("status", report.status())
        .log("job status not delivered to " + sysreport + ": " + problem);
  }
}
