package io.kso.suite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.kso.common.message.WireJson;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as a process against a stand-in API server over real sockets: {@code KUBECONFIG} at
 * the standalone mock server, {@code CONFIG} at a clusterData file, {@code NAMESPACE=kubescape};
 * WireMock plays kubevuln, kubescape-svc and the event receiver.
 */
class OperatorProcessIT {
  private static final String DIGEST = "sha256:" + "d".repeat(64);
  @TempDir Path work;
  private LocalCluster cluster;
  private WireMockServer backend;
  private ServiceProcess operator;
  private URI triggerAction;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE, "apps");
    TestServices.installTemplate(
        cluster, "kubevuln-cronjob-template", "kubevuln-scheduler", "vuln-scan");
    runningPod();
    backend =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    backend.start();
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    // kubescape-svc never ready: the operator's start-up posture scan stays out of these counts.
    backend.stubFor(head(urlPathEqualTo("/readyz")).willReturn(aResponse().withStatus(503)));
    backend.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(aResponse().withBody("{\"id\":\"scan-1\",\"type\":\"busy\"}")));
    backend.stubFor(
        get(urlPathEqualTo("/v1/status"))
            .willReturn(aResponse().withBody("{\"id\":\"scan-1\",\"type\":\"notBusy\"}")));
    String backendHost = "127.0.0.1:" + backend.port();
    Path config =
        Files.writeString(
            work.resolve("clusterData.json"),
            WireJson.writeString(
                Map.of(
                    "clusterName",
                    "local",
                    "accountID",
                    SuiteLayout.ACCOUNT_ID,
                    "kubevulnURL",
                    backendHost,
                    "kubescapeURL",
                    backendHost,
                    "eventReceiverRestURL",
                    "http://" + backendHost)));
    int apiPort = SuiteLayout.freePort();
    operator =
        ServiceProcess.start(
            TestServices.operator(
                work,
                config,
                cluster.writeKubeconfig(work.resolve("kubeconfig"), SuiteLayout.NAMESPACE),
                apiPort),
            JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "256m"),
            work.resolve("logs"));
    assertThat(operator.awaitReady(Duration.ofSeconds(120)))
        .as("operator ready, log %s", operator.log())
        .isPresent();
    triggerAction = URI.create("http://127.0.0.1:" + apiPort + "/v1/triggerAction");
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    if (backend != null) {
      backend.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void commandsOverRealSockets() throws Exception {
    assertThat(
            trigger(
                    "{\"commands\":[{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-local/namespace-apps\"},"
                        + "{\"commandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{\"targetType\":\"Framework\",\"targetNames\":[\"nsa\"]}}},"
                        + "{\"commandName\":\"setVulnScanCronJob\",\"wildWlid\":\"wlid://cluster-local/namespace-apps\","
                        + "\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 3 * * *\"}}}]}")
                .statusCode())
        .isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                bodies("/k8s/sysreport").stream()
                        .filter(r -> "done".equals(r.get("status")))
                        .count()
                    == 3);
    Map<String, Object> image = bodies("/v1/scanImage").get(0);
    assertThat(image.get("imageHash")).isEqualTo("nginx@" + DIGEST);
    assertThat(image.get("wlid")).isEqualTo("wlid://cluster-local/namespace-apps/pod-web");
    assertThat(bodies("/v1/scan").get(0).get("targetNames")).isEqualTo(List.of("nsa", "security"));
    String schedule;
    try (NamespacedKubernetesClient client = cluster.client()) {
      var cronJobs =
          client.batch().v1().cronjobs().inNamespace(SuiteLayout.NAMESPACE).list().getItems();
      assertThat(cronJobs).hasSize(1);
      schedule = cronJobs.get(0).getMetadata().getName();
      assertThat(cronJobs.get(0).getSpec().getSchedule()).isEqualTo("0 3 * * *");
    }

    assertThat(
            trigger(
                    "{\"commands\":[{\"commandName\":\"deleteVulnScanCronJob\",\"args\":{\"jobParams\":{\"name\":\""
                        + schedule
                        + "\"}}}]}")
                .statusCode())
        .isEqualTo(200);
    try (NamespacedKubernetesClient client = cluster.client()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                          .batch()
                          .v1()
                          .cronjobs()
                          .inNamespace(SuiteLayout.NAMESPACE)
                          .list()
                          .getItems()
                          .isEmpty()
                      && client
                              .configMaps()
                              .inNamespace(SuiteLayout.NAMESPACE)
                              .withName(schedule)
                              .get()
                          == null);
    }
  }

  @Test
  void badCommandsAreRefusedBeforeAnythingRuns() throws Exception {
    HttpResponse<String> unknown = trigger("{\"commands\":[{\"commandName\":\"explode\"}]}");
    HttpResponse<String> badCron =
        trigger(
            "{\"commands\":[{\"commandName\":\"setVulnScanCronJob\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"every day\"}}}]}");
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(triggerAction).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(unknown.body()).contains("explode");
    assertThat(badCron.statusCode()).isEqualTo(400);
    assertThat(get.statusCode()).isEqualTo(405);
    try (NamespacedKubernetesClient client = cluster.client()) {
      assertThat(
              client.batch().v1().cronjobs().inNamespace(SuiteLayout.NAMESPACE).list().getItems())
          .isEmpty();
    }
    assertThat(bodies("/k8s/sysreport")).isEmpty();
  }

  private HttpResponse<String> trigger(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(triggerAction)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> bodies(String path) {
    return backend.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(LoggedRequest::getBodyAsString)
        .map(body -> (Map<String, Object>) WireJson.read(body, Map.class))
        .toList();
  }

  private void runningPod() {
    try (NamespacedKubernetesClient client = cluster.client()) {
      client
          .pods()
          .inNamespace("apps")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("web")
                  .withNamespace("apps")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("web")
                  .withImage("nginx:1.25")
                  .endContainer()
                  .endSpec()
                  .withNewStatus()
                  .withPhase("Running")
                  .addNewContainerStatus()
                  .withName("web")
                  .withImage("nginx:1.25")
                  .withImageID("docker-pullable://nginx@" + DIGEST)
                  .withNewState()
                  .withNewRunning()
                  .endRunning()
                  .endState()
                  .endContainerStatus()
                  .endStatus()
                  .build())
          .create();
    }
  }
}
