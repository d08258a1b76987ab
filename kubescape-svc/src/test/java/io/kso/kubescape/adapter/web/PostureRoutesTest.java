package io.kso.kubescape.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.common.message.WireJson;
import io.kso.kubescape.adapter.files.FileResultStore;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.port.ClusterObjects;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.NamespaceFilter;
import io.kso.kubescape.posture.MetricsCache;
import io.kso.kubescape.posture.PostureScan;
import io.kso.kubescape.posture.PostureScans;
import io.kso.kubescape.posture.ScanDefaults;
import io.kso.kubescape.posture.ScanIdentity;
import io.kso.kubescape.posture.ScanRequest;
import io.kso.kubescape.posture.ScanRequests;
import io.kso.kubescape.posture.Submission;
import io.kso.kubescape.scan.Scanner;
import io.kso.kubescape.testing.FakeClusterObjects;
import io.kso.kubescape.testing.Samples;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class PostureRoutesTest {
  private static Scanner scanner;
  @TempDir Path results;
  private final FakeClusterObjects cluster = new FakeClusterObjects().add(Samples.CLUSTER);
  private final AtomicInteger metricScans = new AtomicInteger();
  private PostureScans scans;
  private WebTestClient client;

  @BeforeAll
  static void engine() {
    scanner = new Scanner(BundleLoader.embedded());
  }

  @AfterEach
  void stop() {
    if (scans != null) {
      scans.close();
    }
  }

  private void start(ClusterObjects objects, int queue) {
    start(objects, queue, Submission.NONE);
  }

  private void start(ClusterObjects objects, int queue, Submission submission) {
    FileResultStore store = new FileResultStore(results, 5);
    scans =
        new PostureScans(
            new PostureScan(
                () -> scanner, objects, store, submission, new ScanIdentity("local", "")),
            queue,
            Clock.systemUTC());
    MetricsCache metrics =
        new MetricsCache(
            scans,
            ScanRequest.builder().frameworks(List.of("AllControls", "NSA", "MITRE")).build(),
            report -> "kubescape_cluster_complianceScore{} " + metricScans.incrementAndGet() + "\n",
            Duration.ofMinutes(10),
            Clock.systemUTC());
    ScanRequests requests =
        new ScanRequests(
            scanner::bundle, new ScanDefaults(false, false, List.of(), List.of(), "acc"));
    client =
        WebTestClient.bindToRouterFunction(
                new PostureRoutes(requests, scans, store, metrics, 64 * 1024).routes())
            .configureClient()
            .responseTimeout(Duration.ofSeconds(60))
            .build();
  }

  private Map<String, Object> post(String query, String body, HttpStatus expected) {
    byte[] answer =
        client
            .post()
            .uri("/v1/scan" + query)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isEqualTo(expected)
            .expectBody()
            .returnResult()
            .getResponseBody();
    return json(answer);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(byte[] bytes) {
    return WireJson.read(bytes, Map.class);
  }

  private Map<String, Object> get(String uri, HttpStatus expected) {
    return json(
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isEqualTo(expected)
            .expectBody()
            .returnResult()
            .getResponseBody());
  }

  private static final String NSA = "{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\"]}";

  @Test
  @SuppressWarnings("unchecked")
  void aScanRunsInTheBackgroundAndItsResultsAreFetchedOnce() {
    start(cluster, 4);
    Map<String, Object> started = post("", NSA, HttpStatus.OK);
    String id = (String) started.get("id");
    assertThat(started).containsEntry("type", "busy");
    assertThat(started.get("response")).isEqualTo("scanning '" + id + "' is in progress");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "notBusy".equals(get("/v1/status?ID=" + id, HttpStatus.OK).get("type")));

    Map<String, Object> results = get("/v1/results?id=" + id, HttpStatus.OK);
    assertThat(results).containsEntry("id", id).containsEntry("type", "");
    Map<String, Object> report = (Map<String, Object>) results.get("response");
    assertThat(report).containsEntry("reportGUID", id).containsEntry("clusterName", "local");
    Map<String, Object> summary = (Map<String, Object>) report.get("summaryDetails");
    Map<String, Object> c0057 =
        (Map<String, Object>) ((Map<String, Object>) summary.get("controls")).get("C-0057");
    assertThat(((Map<String, Object>) c0057.get("ResourceCounters")))
        .containsEntry("failedResources", 1);
    assertThat(WireJson.writeString(report.get("results"))).contains("/v1/shop/Pod/root-shell");

    client.get().uri("/v1/results?id=" + id).exchange().expectStatus().isNoContent();
  }

  @Test
  void waitReturnsTheResultsAndKeepLeavesThemStored() {
    start(cluster, 4);
    Map<String, Object> done = post("?wait=true&keep=true", NSA, HttpStatus.OK);
    assertThat(done).containsEntry("type", "v1results").containsKey("response");
    String id = (String) done.get("id");
    assertThat(get("/v1/results?id=" + id + "&keep=true", HttpStatus.OK)).containsEntry("id", id);
    assertThat(get("/v1/results", HttpStatus.OK)).containsEntry("id", id);
    client.get().uri("/v1/results?id=" + id).exchange().expectStatus().isNoContent();
  }

  @Test
  void badRequestsAreRefusedWithTheReason() {
    start(cluster, 4);
    assertThat(
            post(
                "",
                "{\"targetType\":\"Framework\",\"targetNames\":[\"nope\"]}",
                HttpStatus.BAD_REQUEST))
        .containsEntry("type", "error")
        .extractingByKey("response")
        .asString()
        .startsWith("targetNames: unknown framework(s) [nope]");
    assertThat(post("", "{\"targetNames\": [", HttpStatus.BAD_REQUEST))
        .extractingByKey("response")
        .asString()
        .startsWith("the body is not a PostScanRequest");
    assertThat(post("", "null", HttpStatus.BAD_REQUEST)).containsEntry("type", "error");
    assertThat(post("", "{\"x\":\"" + "a".repeat(70 * 1024) + "\"}", HttpStatus.CONTENT_TOO_LARGE))
        .extractingByKey("response")
        .asString()
        .contains("exceeds");
    client
        .get()
        .uri("/v1/scan")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
        .expectHeader()
        .valueEquals("Allow", "POST, DELETE");
  }

  @Test
  void resultsBeforeAnyScanAre400AndUnknownIds204() {
    start(cluster, 4);
    assertThat(get("/v1/results", HttpStatus.BAD_REQUEST))
        .containsEntry("response", "latest scan not found");
    client.get().uri("/v1/results?id=unknown").exchange().expectStatus().isNoContent();
    assertThat(get("/v1/status", HttpStatus.OK)).containsEntry("type", "notBusy");
  }

  @Test
  void deleteAllRemovesEveryStoredResult() {
    start(cluster, 4);
    String a = (String) post("?wait=true&keep=true", NSA, HttpStatus.OK).get("id");
    String b =
        (String)
            post(
                    "?wait=true&keep=true",
                    "{\"targetType\":\"Framework\",\"targetNames\":[\"mitre\"]}",
                    HttpStatus.OK)
                .get("id");
    client.delete().uri("/v1/results?all=true").exchange().expectStatus().isOk();
    client.get().uri("/v1/results?id=" + a).exchange().expectStatus().isNoContent();
    client.get().uri("/v1/results?id=" + b).exchange().expectStatus().isNoContent();
  }

  /** A cluster whose reads wait until released. */
  private static final class HeldCluster implements ClusterObjects {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final ClusterObjects inner;

    HeldCluster(ClusterObjects inner) {
      this.inner = inner;
    }

    @Override
    public ClusterRead read(Set<String> kinds, NamespaceFilter namespaces) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inner.read(kinds, namespaces);
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndADuplicateJoins() throws Exception {
    HeldCluster held = new HeldCluster(cluster);
    start(held, 1);
    String running = (String) post("", NSA, HttpStatus.OK).get("id");
    assertThat(held.entered.await(30, TimeUnit.SECONDS)).isTrue();
    String queued =
        (String)
            post("", "{\"targetType\":\"Framework\",\"targetNames\":[\"mitre\"]}", HttpStatus.OK)
                .get("id");
    assertThat(post("", NSA, HttpStatus.OK)).containsEntry("id", running);
    client
        .post()
        .uri("/v1/scan")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"targetType\":\"Control\",\"targetNames\":[\"C-0057\"]}")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectHeader()
        .exists("Retry-After");
    held.release.countDown();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "notBusy".equals(get("/v1/status?id=" + queued, HttpStatus.OK).get("type")));
    assertThat(get("/v1/results?id=" + running, HttpStatus.OK)).containsEntry("id", running);
    assertThat(get("/v1/results?id=" + queued, HttpStatus.OK)).containsEntry("id", queued);
  }

  @Test
  void cancelStopsAQueuedScan() throws Exception {
    HeldCluster held = new HeldCluster(cluster);
    start(held, 2);
    post("", NSA, HttpStatus.OK);
    assertThat(held.entered.await(30, TimeUnit.SECONDS)).isTrue();
    String queued =
        (String)
            post("", "{\"targetType\":\"Framework\",\"targetNames\":[\"mitre\"]}", HttpStatus.OK)
                .get("id");
    client.delete().uri("/v1/scan?id=" + queued).exchange().expectStatus().isOk();
    assertThat(get("/v1/results?id=" + queued, HttpStatus.OK)).containsEntry("type", "error");
    client.delete().uri("/v1/scan?id=" + queued).exchange().expectStatus().isNotFound();
    held.release.countDown();
  }

  @Test
  void anUnreachableApiServerFailsTheScanAndTheNextOneRuns() {
    cluster.down(true);
    start(cluster, 4);
    assertThat(post("?wait=true", NSA, HttpStatus.INTERNAL_SERVER_ERROR))
        .containsEntry("type", "error")
        .extractingByKey("response")
        .asString()
        .contains("connection refused");
    cluster.down(false);
    assertThat(post("?wait=true", NSA, HttpStatus.OK)).containsEntry("type", "v1results");
  }

  @Test
  void metricsAreServedFromTheLatestWholeClusterScanWhileFresh() {
    start(cluster, 4);
    String first =
        client
            .get()
            .uri("/v1/metrics")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String second =
        client
            .get()
            .uri("/v1/metrics")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(first).isEqualTo("kubescape_cluster_complianceScore{} 1\n").isEqualTo(second);
    assertThat(metricScans).hasValue(1);
    assertThat(cluster.asked()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKindTheServiceAccountMayNotListSkipsItsControlsWithTheReason() {
    cluster.forbid("Pod", "pods: forbidden (403)");
    start(cluster, 4);
    Map<String, Object> done = post("?wait=true", NSA, HttpStatus.OK);
    Map<String, Object> summary =
        (Map<String, Object>) ((Map<String, Object>) done.get("response")).get("summaryDetails");
    Map<String, Object> controls = (Map<String, Object>) summary.get("controls");
    Map<String, Object> status =
        (Map<String, Object>) ((Map<String, Object>) controls.get("C-0057")).get("status");
    assertThat(status).containsEntry("status", "skipped");
    assertThat((String) status.get("info")).contains("pods: forbidden (403)");
    assertThat(WireJson.writeString(done)).doesNotContain("/v1/shop/Pod/root-shell");
  }

  @Test
  void anEventReceiverThatIsDownLosesNoReport() {
    List<String> attempted = new java.util.concurrent.CopyOnWriteArrayList<>();
    start(
        cluster,
        4,
        (scanId, account, report) -> {
          attempted.add(scanId);
          throw new java.io.IOException("connection refused");
        });
    String id = (String) post("?wait=true&keep=true", "{\"submit\":true}", HttpStatus.OK).get("id");
    assertThat(attempted).containsExactly(id);
    assertThat(get("/v1/results?id=" + id, HttpStatus.OK)).containsEntry("id", id);
  }

  @Test
  void theKindsReadComeFromTheSelectedControlsRules() {
    start(cluster, 4);
    // The sample cluster holds no RBAC objects: a scan over nothing fails instead of passing.
    assertThat(
            post(
                "?wait=true",
                "{\"targetType\":\"Control\",\"targetNames\":[\"C-0035\"]}",
                HttpStatus.INTERNAL_SERVER_ERROR))
        .extractingByKey("response")
        .asString()
        .startsWith("nothing could be read from the cluster");
    assertThat(cluster.asked().get(0))
        .contains("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")
        .doesNotContain("Pod");
  }
}
