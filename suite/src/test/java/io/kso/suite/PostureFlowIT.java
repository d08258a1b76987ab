package io.kso.suite;

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
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The posture flow with real processes: the chart's kubescape-scheduler CronJob, as its pod runs
 * the http-request client, makes the operator start a scan on kubescape-svc, which reads the
 * stand-in API server, keeps the report and submits it in chunks to the event receiver (WireMock:
 * the only external backend here). Then the Prometheus metrics of that scan.
 */
class PostureFlowIT {
  @TempDir Path work;
  private LocalCluster cluster;
  private WireMockServer receiver;
  private final List<ServiceProcess> running = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private int kubescapePort;
  private int operatorPort;

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE);
    try (InputStream objects = getClass().getResourceAsStream("/posture-cluster/workloads.yaml")) {
      assertThat(cluster.create(objects)).isGreaterThan(5);
    }
    receiver =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    kubescapePort = SuiteLayout.freePort();
    operatorPort = SuiteLayout.freePort();
    Map<String, Object> data = new HashMap<>();
    data.put("clusterName", SuiteLayout.CLUSTER_NAME);
    data.put("accountID", SuiteLayout.ACCOUNT_ID);
    data.put("kubescapeURL", "127.0.0.1:" + kubescapePort);
    data.put("eventReceiverRestURL", "http://127.0.0.1:" + receiver.port());
    Path config = Files.writeString(work.resolve("clusterData.json"), WireJson.writeString(data));
    Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"), SuiteLayout.NAMESPACE);
    start(
        TestServices.kubescape(
            work, config, kubeconfig, kubescapePort, Map.of("KS_SUBMIT", "true")));
    start(TestServices.operator(work, config, kubeconfig, operatorPort));
    for (ServiceProcess service : running) {
      assertThat(service.awaitReady(Duration.ofSeconds(120)))
          .as("%s ready, log %s", service.spec().name(), service.log())
          .isPresent();
    }
  }

  private void start(io.kso.suite.process.ServiceSpec spec) {
    running.add(
        ServiceProcess.start(
            spec, JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "512m"), work.resolve("logs")));
  }

  @AfterEach
  void stop() throws Exception {
    running.forEach(ServiceProcess::close);
    // The logs outlive the temporary directory, for whoever reads a failed run.
    Path kept = TestProject.dir().resolve("suite/target/it-logs/PostureFlowIT");
    Files.createDirectories(kept);
    for (ServiceProcess service : running) {
      Files.copy(
          service.log(),
          kept.resolve(service.spec().name() + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (receiver != null) {
      receiver.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSchedulerCronJobScansTheClusterAndTheReportReachesTheEventReceiverInChunks()
      throws Exception {
    ChartSchedulers scheduler = ChartSchedulers.render("kubescape-scheduler");
    Path body = Files.writeString(work.resolve("request-body.json"), scheduler.body());
    assertThat(runHttpRequest(scheduler.argsFor("127.0.0.1:" + operatorPort, body.toString())))
        .as("http-request exit code")
        .isZero();

    // The scheduler's body asks for every framework: find that report among those submitted (the
    // operator's start-up scan of allcontrols, nsa and mitre may be there too).
    String reportId =
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofSeconds(1))
            .until(this::everyFrameworkReportSubmitted, id -> id != null);

    Map<String, Object> stored = results(reportId);
    List<Map<String, Object>> chunks = chunks(reportId);
    assertThat(chunks).isNotEmpty();
    List<Object> resources = new ArrayList<>();
    List<Object> results = new ArrayList<>();
    for (Map<String, Object> chunk : chunks) {
      resources.addAll((List<Object>) chunk.getOrDefault("resources", List.of()));
      results.addAll((List<Object>) chunk.getOrDefault("results", List.of()));
    }
    assertThat(ids(resources)).isEqualTo(ids((List<Object>) stored.get("resources")));
    assertThat(results).containsExactlyInAnyOrderElementsOf((List<Object>) stored.get("results"));
    Map<String, Object> summary = (Map<String, Object>) stored.get("summaryDetails");
    Map<String, Object> controls = (Map<String, Object>) summary.get("controls");
    assertThat(status(controls, "C-0057")).isEqualTo("failed"); // privileged storefront
    assertThat(WireJson.writeString(results))
        .contains("apps/v1/shop/Deployment/storefront", "/v1/shop/Pod/debug-shell");
    for (LoggedRequest request : submissions()) {
      assertThat(request.queryParameter("customerGUID").firstValue())
          .isEqualTo(SuiteLayout.ACCOUNT_ID);
      assertThat(request.queryParameter("clusterName").firstValue())
          .isEqualTo(SuiteLayout.CLUSTER_NAME);
    }

    String metrics = get("/v1/metrics");
    for (String family :
        List.of(
            "kubescape_cluster_complianceScore",
            "kubescape_cluster_count_resources_failed",
            "kubescape_cluster_count_resources_skipped",
            "kubescape_cluster_count_resources_passed",
            "kubescape_cluster_count_control_failed",
            "kubescape_cluster_count_control_skipped",
            "kubescape_cluster_count_control_passed",
            "kubescape_framework_complianceScore",
            "kubescape_framework_count_resources_failed",
            "kubescape_framework_count_resources_skipped",
            "kubescape_framework_count_resources_passed",
            "kubescape_framework_count_control_failed",
            "kubescape_framework_count_control_skipped",
            "kubescape_framework_count_control_passed",
            "kubescape_control_complianceScore",
            "kubescape_control_count_resources_failed",
            "kubescape_control_count_resources_skipped",
            "kubescape_control_count_resources_passed",
            "kubescape_resource_count_controls_failed",
            "kubescape_resource_count_controls_skipped")) {
      assertThat(metrics).as(family).containsPattern("(?m)^" + family + "\\{");
    }
    assertThat(metrics).contains("name=\"storefront\"").doesNotContain("# HELP");
  }

  private String everyFrameworkReportSubmitted() {
    for (LoggedRequest request : submissions()) {
      Map<String, Object> chunk = json(request.getBodyAsString());
      Object summary = chunk.get("summaryDetails");
      if (summary instanceof Map<?, ?> s
          && s.get("frameworks") instanceof List<?> f
          && f.size() > 4
          && lastChunkArrived(request.queryParameter("reportGUID").firstValue())) {
        return request.queryParameter("reportGUID").firstValue();
      }
    }
    return null;
  }

  private boolean lastChunkArrived(String reportId) {
    return chunks(reportId).stream()
        .anyMatch(
            c ->
                c.get("paginationInfo") instanceof Map<?, ?> p
                    && Boolean.TRUE.equals(p.get("isLastChunk")));
  }

  private List<LoggedRequest> submissions() {
    return receiver.findAll(postRequestedFor(urlPathEqualTo("/k8s/v2/postureReport")));
  }

  private List<Map<String, Object>> chunks(String reportId) {
    return submissions().stream()
        .filter(r -> reportId.equals(r.queryParameter("reportGUID").firstValue()))
        .map(r -> json(r.getBodyAsString()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static String status(Map<String, Object> controls, String id) {
    Object s = ((Map<String, Object>) controls.get(id)).get("status");
    return s instanceof Map<?, ?> m ? String.valueOf(m.get("status")) : String.valueOf(s);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> ids(List<Object> resources) {
    Set<String> out = new TreeSet<>();
    for (Object r : resources) {
      out.add(String.valueOf(((Map<String, Object>) r).get("resourceID")));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> results(String id) throws Exception {
    Map<String, Object> answer = json(get("/v1/results?id=" + id + "&keep=true"));
    assertThat(answer).containsEntry("id", id);
    return (Map<String, Object>) answer.get("response");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kubescapePort + path))
                .timeout(Duration.ofSeconds(170))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return WireJson.read(text, Map.class);
  }

  private int runHttpRequest(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmFlags.HTTP_REQUEST);
    command.add("-jar");
    command.add(new SuiteLayout(TestProject.dir(), work).jar("http-request").toString());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("http-request.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
