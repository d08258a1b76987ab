package io.kso.operator.adapter.http;

import io.kso.common.http.JsonPost;
import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.operator.port.JobReporter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event receiver over HTTP: {@code POST /k8s/sysreport} and {@code POST
 * /k8s/registryRepositories}, up to three attempts.
 */
public final class HttpJobReporter implements JobReporter {
  private static final Logger log = LoggerFactory.getLogger(HttpJobReporter.class);
  private static final int ATTEMPTS = 3;
  static final String REGISTRY_REPOSITORIES = "/k8s/registryRepositories";

  private final JsonPost post;
  private final String base;

  public HttpJobReporter(HttpClient http, String eventReceiverRestUrl, Duration retryDelay) {
    this.post = new JsonPost(http, ATTEMPTS, retryDelay, Duration.ofSeconds(10));
    this.base =
        (eventReceiverRestUrl.contains("://")
                ? eventReceiverRestUrl
                : "http://" + eventReceiverRestUrl)
            .replaceAll("/+$", "");
  }

  @Override
  public void report(SystemReport report) {
    post(URI.create(base + SystemReport.PATH), WireJson.write(report), "job status");
  }

  @Override
  public void repositories(
      String jobId, String customerGuid, String registryName, List<String> repositories) {
    URI uri =
        URI.create(
            base
                + REGISTRY_REPOSITORIES
                + "?jobID="
                + encode(jobId)
                + "&customerGUID="
                + encode(customerGuid)
                + "&registryName="
                + encode(registryName));
    List<Map<String, String>> body =
        repositories.stream().map(r -> Map.of("repositoryName", r)).toList();
    post(uri, WireJson.write(body), "registry repositories");
  }

  private void post(URI target, byte[] body, String what) {
    try {
      JsonPost.Outcome outcome = post.send(target, body, JsonPost.RetryOn.ANY_FAILURE);
      if (!outcome.succeeded()) {
        log.atWarn().log(what + " not delivered to " + target.getPath() + ": " + outcome.problem());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
