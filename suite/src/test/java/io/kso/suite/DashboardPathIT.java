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

  @Test
  void aDashboardNotificationReachesTheOperatorThroughBothGateways() throws Exception {
    cluster = LocalCluster.start(0, SuiteLayout.NAMESPACE);
    TestServices.installTemplate(
        cluster, "kubevuln-cronjob-template", "kubevuln-scheduler", "vuln-scan");
    Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"), SuiteLayout.NAMESPACE);
    int masterRest = SuiteLayout.freePort();
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
                + "\"}");

    start(gateway("master-gateway", gatewayConfig, masterWs, masterRest, Map.of()));
    start(
        gateway(
            "edge-gateway",
            gatewayConfig,
            edgeWs,
            SuiteLayout.freePort(),
            Map.of("PARENT_URL", "ws://127.0.0.1:" + masterWs + "/v1/waitfornotification")));
    start(TestServices.operator(work, operatorConfig, kubeconfig, SuiteLayout.freePort()));
    for (ServiceProcess service : running) {
      assertThat(service.awaitReady(Duration.ofSeconds(120)))
          .as("%s ready, log %s", service.spec().name(), service.log())
          .isPresent();
    }

    String envelope =
        "{\"target\":{\"customerGUID\":\""
            + ACCOUNT
            + "\",\"clusterName\":\"local\",\"clusterComponent\":\"InClusterTriggerHandler\",\"dest\":\"trigger\"},"
            + "\"sendSynchronicity\":false,\"notification\":{\"commands\":[{\"commandName\":\"setVulnScanCronJob\","
            + "\"wildWlid\":\"wlid://cluster-local/namespace-systest-ns\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 1 * * *\"}}}]}}";
    HttpClient http = HttpClient.newHttpClient();
    try (NamespacedKubernetesClient client = cluster.client()) {
      // The links come up in their own time (operator -> edge, then edge -> master): post until one
      // lands.
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                HttpResponse<String> sent =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create(
                                    "http://127.0.0.1:" + masterRest + "/v1/sendnotification"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(envelope))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(sent.statusCode()).isEqualTo(200);
                return !client
                    .batch()
                    .v1()
                    .cronjobs()
                    .inNamespace(SuiteLayout.NAMESPACE)
                    .list()
                    .getItems()
                    .isEmpty();
              });
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
