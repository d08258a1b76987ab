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
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import io.kso.kubevuln.testing.TestRegistry;
import java.net.ServerSocket;
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
 * kubevuln end to end through REST: an image pushed to docker-registry on 127.0.0.1 is pulled,
 * cataloged, matched against imported OSV data, and reported to a WireMock event receiver; the same
 * digest again is answered from the SBOM cache without the registry.
 */
class ScanServiceIT {
  @TempDir Path dir;
  private WireMockServer receiver;
  private KubevulnApp app;

  @BeforeEach
  void start() throws Exception {
    receiver =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    Path osv =
        OsvFiles.write(
            dir.resolve("osv/lodash.json"),
            OsvFiles.record("GHSA-test-lodash", "lodash", "4.17.21"));
    app =
        KubevulnApp.start(
            dir,
            "{\"clusterName\":\"c1\",\"accountID\":\"acc-1\",\"eventReceiverRestURL\":\"http://127.0.0.1:"
                + receiver.port()
                + "\"}",
            "ks.kubevuln.data-sources=" + osv);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> app.get("/v1/readiness").statusCode() == 200);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    receiver.stop();
  }

  @Test
  void scansAnImageAndReportsItsVulnerabilitiesThenServesTheSameDigestFromCache() throws Exception {
    String digest;
    String repo;
    try (TestRegistry registry =
        TestRegistry.start(java.nio.file.Files.createDirectories(dir.resolve("registry")))) {
      TestImage image =
          TestImage.of(
              new TestLayer()
                  .file(
                      "app/node_modules/lodash/package.json",
                      "{\"name\":\"lodash\",\"version\":\"4.17.20\"}"));
      registry.push(image, "team/app", "1.0");
      digest = image.manifestDigest();
      repo = registry.host() + "/team/app";

      assertThat(app.post("/v1/scanImage", request(repo, digest, "job-1")).statusCode())
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(60)).until(() -> steps("job-1").contains("done"));
    }
    assertThat(steps("job-1")).containsExactly("started", "success", "done");
    List<Map<String, Object>> reports = bodies("/k8s/v2/containerScan");
    assertThat(reports).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) reports.get(0).get("summary");
    assertThat(summary.get("imageHash")).isEqualTo(digest);
    assertThat(summary.get("wlid")).isEqualTo("wlid://cluster-c1/namespace-apps/deployment-app");
    assertThat(reports.get(1).get("paginationInfo"))
        .isEqualTo(Map.of("chunkNumber", 1, "isLastChunk", true));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> vulnerabilities =
        (List<Map<String, Object>>) reports.get(1).get("vulnerabilities");
    assertThat(vulnerabilities)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.get("name")).isEqualTo("GHSA-test-lodash");
              assertThat(v.get("packageName")).isEqualTo("lodash");
              assertThat(v.get("packageVersion")).isEqualTo("4.17.20");
              assertThat(v.get("aliases")).isEqualTo(List.of("CVE-GHSA-test-lodash"));
              assertThat(v.get("severity")).isEqualTo("Critical");
            });

    // The registry is gone now: the same digest is matched from the cached SBOM.
    assertThat(app.post("/v1/scanImage", request(repo, digest, "job-2")).statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> steps("job-2").contains("done"));
    assertThat(steps("job-2")).doesNotContain("failed");
    assertThat(bodies("/k8s/v2/containerScan")).hasSize(4);
  }

  @Test
  void aRegistryThatIsDownFailsTheScanWithItsReason() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String repo = "127.0.0.1:" + closed + "/team/app";

    assertThat(
            app.post("/v1/scanImage", request(repo, "sha256:" + "e".repeat(64), "job-3"))
                .statusCode())
        .isEqualTo(200);

    await().atMost(Duration.ofSeconds(90)).until(() -> steps("job-3").contains("failed"));
    Map<String, Object> failure =
        bodies("/k8s/sysreport").stream()
            .filter(r -> "failure".equals(r.get("status")))
            .findFirst()
            .orElseThrow();
    assertThat(failure.get("errors").toString()).contains("127.0.0.1:" + closed);
    assertThat(bodies("/k8s/v2/containerScan")).isEmpty();
  }

  @Test
  void badRequestsAreRefusedWithProblemDocuments() throws Exception {
    HttpResponse<String> noHash = app.post("/v1/scanImage", "{\"imageTag\":\"nginx:1.25\"}");
    HttpResponse<String> notJson = app.post("/v1/scanRegistryImage", "{nope");
    HttpResponse<String> wrongMethod = app.get("/v1/scanImage");

    assertThat(noHash.statusCode()).isEqualTo(400);
    assertThat(noHash.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(noHash.body()).contains("imageHash is missing");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(bodies("/k8s/sysreport")).isEmpty();
  }

  @Test
  void readinessAndMetricsShowTheDataAge() throws Exception {
    HttpResponse<String> ready = app.get("/v1/readiness");
    assertThat(ready.body()).contains("vulnerabilityData").contains("\"stale\"");
    HttpResponse<String> metrics = app.get("/metrics");
    assertThat(metrics.body())
        .contains("kubevuln_vulnerability_data_age_seconds")
        .contains("kubevuln_vulnerability_records 1.0");
  }

  private static String request(String repo, String digest, String jobId) {
    return WireJson.writeString(
        Map.of(
            "imageTag",
            repo + ":1.0",
            "imageHash",
            repo + "@" + digest,
            "wlid",
            "wlid://cluster-c1/namespace-apps/deployment-app",
            "containerName",
            "app",
            "jobID",
            jobId,
            "parentJobID",
            "parent-1",
            "args",
            Map.of("useHTTP", true)));
  }

  private List<String> steps(String jobId) {
    return bodies("/k8s/sysreport").stream()
        .filter(r -> jobId.equals(r.get("jobID")))
        .map(r -> "failure".equals(r.get("status")) ? "failed" : String.valueOf(r.get("details")))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> bodies(String path) {
    return receiver.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(LoggedRequest::getBodyAsString)
        .map(b -> (Map<String, Object>) WireJson.read(b, Map.class))
        .toList();
  }
}
