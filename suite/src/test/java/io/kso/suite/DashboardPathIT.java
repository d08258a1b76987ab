package io.kso.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard path, as separate processes on 127.0.0.1: a notification posted to a master gateway
 * reaches the operator through an in-cluster gateway, and the operator acts on it in the (stand-in)
 * cluster.
 */
class DashboardPathIT {
  private static final String ACCOUNT = SuiteLayout.ACCOUNT_ID;
  @TempDir Path work;
  private final List<ServiceProcess> running = new ArrayList<>();
  private LocalCluster cluster;

  @AfterEach
  void stop() {
    running.forEach(ServiceProcess::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  private int masterRest;

  /**
   * Master gateway, in-cluster gateway and operator; the operator's clusterData gets {@code extra}.
   */
  private void startPath(String extra) throws Exception {
    Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"), SuiteLayout.NAMESPACE);
    masterRest = SuiteLayout.freePort();
    int masterWs = SuiteLayout.freePort();
    int edgeWs = SuiteLayout.freePort();
    Path gatewayConfig =
        Files.writeString(
            work.resolve("gateway.json"),
            "{\"clusterName\":\"local\",\"accountID\":\"" + ACCOUNT + "\"}");
    Path operatorConfig =
        Files.writeString(
            work.resolve("operator.json"),
            "{\"clusterName\":\"local\",\"accountID\":\""
                + ACCOUNT
                + "\",\"gatewayWebsocketURL\":\"127.0.0.1:"
                + edgeWs
                + "\""
                + extra
                + "}");

    start(gateway("master-gateway", gatewayConfig, masterWs, masterRest, Map.of()));
    start(
        gateway(
            "edge-gateway",
            gatewayConfig,
            edgeWs,
            SuiteLayout.freePort(),
            Map.of("PARENT_URL", "ws://127.0.0.1:" + masterWs + "/v1/waitfornotification")));
    start(TestServices.operator(work, operatorConfig, kubeconfig, SuiteLayout.freePort()));
    awaitReady();
  }

  private void awaitReady() {
    for (ServiceProcess service : running) {
      assertThat(service.awaitReady(Duration.ofSeconds(120)))
          .as("%s ready, log %s", service.spec().name(), service.log())
          .isPresent();
    }
  }

  /** Posts the envelope to the master gateway until {@code done} holds (the links come up late). */
  private void sendUntil(String envelope, java.util.concurrent.Callable<Boolean> done) {
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              if (done.call()) {
                return true;
              }
              HttpResponse<String> sent =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + masterRest + "/v1/sendnotification"))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(envelope))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(sent.statusCode()).isEqualTo(200);
              return done.call();
            });
  }

  @Test
  void aDashboardPostureScanRunsOnKubescapeSvc() throws Exception {
    cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE);
    try (var objects = getClass().getResourceAsStream("/posture-cluster/workloads.yaml")) {
      cluster.create(objects);
    }
    int kubescapePort = SuiteLayout.freePort();
    Path kubescapeConfig =
        Files.writeString(
            work.resolve("kubescape.json"),
            "{\"clusterName\":\"local\",\"accountID\":\"" + ACCOUNT + "\"}");
    start(
        TestServices.kubescape(
            work,
            kubescapeConfig,
            cluster.writeKubeconfig(work.resolve("kubescape-kubeconfig"), SuiteLayout.NAMESPACE),
            kubescapePort,
            Map.of()));
    startPath(",\"kubescapeURL\":\"127.0.0.1:" + kubescapePort + "\"");
    String envelope =
        "{\"target\":{\"customerGUID\":\""
            + ACCOUNT
            + "\",\"clusterName\":\"local\",\"clusterComponent\":\"InClusterTriggerHandler\",\"dest\":\"trigger\"},"
            + "\"sendSynchronicity\":false,\"notification\":{\"commands\":[{\"commandName\":\"kubescapeScan\","
            + "\"args\":{\"scanV1\":{\"targetType\":\"Control\",\"targetNames\":[\"C-0057\"]}}}]}}";
    HttpClient http = HttpClient.newHttpClient();
    URI results = URI.create("http://127.0.0.1:" + kubescapePort + "/v1/results?keep=true");
    // The scan the dashboard asked for is the one that evaluated C-0057 alone (the operator's
    // start-up scan covers whole frameworks).
    sendUntil(
        envelope,
        () -> {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(results).build(), HttpResponse.BodyHandlers.ofString());
          return r.statusCode() == 200 && r.body().contains("\"controls\":{\"C-0057\":{");
        });
    String report =
        http.send(HttpRequest.newBuilder(results).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(report).contains("apps/v1/shop/Deployment/storefront");
  }

  @Test
  void aDashboardNotificationReachesTheOperatorThroughBothGateways() throws Exception {
    cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE);
    TestServices.installTemplate(
        cluster, "kubevuln-cronjob-template", "kubevuln-scheduler", "vuln-scan");
    startPath("");

    String envelope =
        "{\"target\":{\"customerGUID\":\""
            + ACCOUNT
            + "\",\"clusterName\":\"local\",\"clusterComponent\":\"InClusterTriggerHandler\",\"dest\":\"trigger\"},"
            + "\"sendSynchronicity\":false,\"notification\":{\"commands\":[{\"commandName\":\"setVulnScanCronJob\","
            + "\"wildWlid\":\"wlid://cluster-local/namespace-systest-ns\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 1 * * *\"}}}]}}";
    try (NamespacedKubernetesClient client = cluster.client()) {
      sendUntil(
          envelope,
          () ->
              !client
                  .batch()
                  .v1()
                  .cronjobs()
                  .inNamespace(SuiteLayout.NAMESPACE)
                  .list()
                  .getItems()
                  .isEmpty());
      CronJob created =
          client
              .batch()
              .v1()
              .cronjobs()
              .inNamespace(SuiteLayout.NAMESPACE)
              .list()
              .getItems()
              .get(0);
      assertThat(created.getMetadata().getName()).startsWith("kubevuln-schedule-");
      assertThat(created.getSpec().getSchedule()).isEqualTo("0 1 * * *");
      assertThat(
              created
                  .getSpec()
                  .getJobTemplate()
                  .getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations())
          .containsEntry("armo.namespace", "systest-ns");
    }
  }

  private ServiceSpec gateway(
      String name, Path config, int ws, int rest, Map<String, String> extra) {
    return TestServices.gateway(work, name, config, ws, rest, extra);
  }

  private void start(ServiceSpec spec) {
    running.add(
        ServiceProcess.start(
            spec, JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "256m"), work.resolve("logs")));
  }
}
