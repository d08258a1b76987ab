package io.kso.kubevuln.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kso.common.message.WireJson;
import io.kso.kubevuln.testing.KubevulnApp;
import io.kso.kubevuln.testing.OsvFiles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: a registry that is too slow (timeout, full queue) or refuses with 429. Every accepted
 * request ends with a reported outcome; a request the queue cannot take is refused at once with
 * 503. WireMock stands in for the faulty registry and for the event receiver.
 */
class ScanFaultsIT {
  @TempDir Path dir;
  private WireMockServer receiver;
  private WireMockServer registry;
  private KubevulnApp app;

  @BeforeEach
  void start() {
    receiver = wiremock();
    receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    registry = wiremock();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    receiver.stop();
    registry.stop();
  }

  @Test
  void aFullQueueRefusesAtOnceAndSlowScansTimeOutWithAReport() throws Exception {
    registry.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(6_000)));
    startApp(
        "ks.kubevuln.scan-concurrency=1",
        "ks.kubevuln.queue-depth=1",
        "ks.kubevuln.scan-timeout=2s");

    assertThat(app.post("/v1/scanImage", request("job-a")).statusCode()).isEqualTo(200);
    assertThat(app.post("/v1/scanImage", request("job-b")).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = app.post("/v1/scanImage", request("job-c"));

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(refused.body()).contains("queue-full");
    await().atMost(Duration.ofSeconds(30)).until(() -> failures().size() == 2);
    assertThat(failures())
        .allSatisfy(r -> assertThat(r.get("errors").toString()).contains("took longer than PT2S"));
    assertThat(failures())
        .extracting(r -> r.get("jobID"))
        .containsExactlyInAnyOrder("job-a", "job-b");
    assertThat(app.get("/metrics").body())
        .contains("kubevuln_scans_total{outcome=\"refused\"} 1.0");
  }

  @Test
  void aRegistryThatKeepsAnswering429FailsTheScanAfterItsRetries() throws Exception {
    registry.stubFor(
        any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
    startApp("ks.kubevuln.scan-timeout=60s");

    assertThat(app.post("/v1/scanImage", request("job-429")).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(60)).until(() -> !failures().isEmpty());
    assertThat(failures().get(0).get("errors").toString()).contains("429");
    assertThat(registry.getAllServeEvents().size()).isGreaterThan(1);
  }

  private void startApp(String... properties) throws Exception {
    Path osv = OsvFiles.write(dir.resolve("osv/x.json"), OsvFiles.record("GHSA-x", "x", "1.0.0"));
    String[] all = new String[properties.length + 1];
    all[0] = "ks.kubevuln.data-sources=" + osv;
    System.arraycopy(properties, 0, all, 1, properties.length);
    app =
        KubevulnApp.start(
            dir,
            "{\"clusterName\":\"c1\",\"accountID\":\"acc-1\",\"eventReceiverRestURL\":\"http://127.0.0.1:"
                + receiver.port()
                + "\"}",
            all);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> app.get("/v1/readiness").statusCode() == 200);
  }

  private String request(String jobId) {
    String repo = "127.0.0.1:" + registry.port() + "/team/app";
    return WireJson.writeString(
        Map.of(
            "imageTag",
            repo + ":1.0",
            "imageHash",
            repo + "@sha256:" + "a".repeat(64),
            "wlid",
            "wlid://cluster-c1/namespace-apps/deployment-app",
            "jobID",
            jobId,
            "args",
            Map.of("useHTTP", true)));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> failures() {
    return receiver.findAll(postRequestedFor(urlPathEqualTo("/k8s/sysreport"))).stream()
        .map(LoggedRequest::getBodyAsString)
        .map(b -> (Map<String, Object>) WireJson.read(b, Map.class))
        .filter(r -> "failure".equals(r.get("status")))
        .toList();
  }

  private static WireMockServer wiremock() {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return server;
  }
}
