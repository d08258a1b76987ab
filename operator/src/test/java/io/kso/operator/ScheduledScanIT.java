package io.kso.operator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.httprequest.HttpRequestMain;
import io.kso.operator.testing.TemplateFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduled path end to end: a schedule created through triggerAction lands in the cluster as a
 * CronJob and its ConfigMap; the http-request client, run with the CronJob's own arguments and the
 * ConfigMap's body as its mounted file, makes the operator start the posture scan.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ScheduledScanIT {
  private static final String NS = "kubescape";
  KubernetesClient client;
  @TempDir Path dir;
  private WireMockServer kubescape;
  private ConfigurableApplicationContext operator;
  private int operatorPort;

  @BeforeEach
  void start() throws Exception {
    TemplateFixtures.install(client, NS);
    kubescape =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    kubescape.start();
    kubescape.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(
                aResponse()
                    .withBody("{\"id\":\"scan-1\",\"type\":\"busy\",\"response\":\"scan-1\"}")));
    kubescape.stubFor(
        get(urlPathEqualTo("/v1/status"))
            .willReturn(aResponse().withBody("{\"id\":\"\",\"type\":\"notBusy\"}")));
    Path config =
        Files.writeString(
            dir.resolve("clusterData.json"),
            "{\"clusterName\":\"c1\",\"accountID\":\"a1\",\"kubescapeURL\":\"127.0.0.1:"
                + kubescape.port()
                + "\"}");
    System.setProperty("kubernetes.master", client.getMasterUrl().toString());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    operator =
        new SpringApplicationBuilder(OperatorApplication.class)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ks.base.probe-port=0",
                "--ks.base.config-path=" + config,
                "--ks.operator.namespace=" + NS,
                "--ks.operator.status-poll-interval=100ms",
                "--ks.operator.startup-scan.enabled=false");
    operatorPort =
        Integer.parseInt(operator.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    kubescape.stop();
    System.clearProperty("kubernetes.master");
    System.clearProperty("kubernetes.auth.tryKubeConfig");
    System.clearProperty("kubernetes.auth.tryServiceAccount");
  }

  @Test
  void aScheduledCronJobMakesTheOperatorStartTheScan() throws Exception {
    String set =
        "{\"commands\":[{\"CommandName\":\"setKubescapeCronJob\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 8 * * *\"},"
            + "\"scanV1\":{\"submit\":true,\"targetType\":\"framework\",\"targetNames\":[\"nsa\"]}}}]}";
    HttpResponse<String> accepted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + operatorPort + "/v1/triggerAction"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(set))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).isEqualTo(200);

    CronJob cronJob =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> client.batch().v1().cronjobs().inNamespace(NS).list().getItems(),
                items -> items.size() == 1)
            .get(0);
    String configMapName =
        cronJob
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getVolumes()
            .get(0)
            .getConfigMap()
            .getName();
    ConfigMap body = client.configMaps().inNamespace(NS).withName(configMapName).get();
    Path mounted =
        Files.writeString(
            dir.resolve("request-body.json"), body.getData().get("request-body.json"));

    List<String> args =
        cronJob
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getArgs()
            .stream()
            .map(a -> a.replace("operator:4002", "127.0.0.1:" + operatorPort))
            .map(a -> a.startsWith("-path-body=") ? "-path-body=" + mounted : a)
            .toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        HttpRequestMain.run(
            args.toArray(String[]::new), new PrintStream(out), new PrintStream(out));

    assertThat(exit).as(out.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                kubescape.verify(
                    postRequestedFor(urlPathEqualTo("/v1/scan"))
                        .withQueryParam(
                            "keep",
                            com.github.tomakehurst.wiremock.client.WireMock.equalTo("false"))
                        .withRequestBody(containing("\"targetNames\":[\"nsa\",\"security\"]"))));
  }
}
