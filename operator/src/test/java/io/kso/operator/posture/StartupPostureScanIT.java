package io.kso.operator.posture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.common.message.SystemReport;
import io.kso.common.message.WireJson;
import io.kso.operator.OperatorApplication;
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
 * The operator as it starts: ready while kubescape-svc is not, then one posture scan of the cluster
 * once {@code HEAD /readyz} answers, reported to the event receiver like any command. WireMock
 * plays kubescape-svc and the event receiver.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class StartupPostureScanIT {
  private static final RequestPatternBuilder READYZ =
      new RequestPatternBuilder(RequestMethod.HEAD, urlEqualTo("/readyz"));
  private static final String BODY =
      "{\"hostScanner\":false,\"targetType\":\"Framework\",\"targetNames\":[\"allcontrols\",\"nsa\",\"mitre\",\"security\"]}";

  KubernetesClient client;
  @TempDir Path dir;
  private WireMockServer services;
  private ConfigurableApplicationContext operator;

  @BeforeEach
  void start() {
    services =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    services.start();
    services.stubFor(head(urlEqualTo("/readyz")).willReturn(aResponse().withStatus(503)));
    services.stubFor(
        post(urlPathEqualTo("/v1/scan"))
            .willReturn(
                aResponse()
                    .withBody("{\"id\":\"scan-1\",\"type\":\"busy\",\"response\":\"scan-1\"}")));
    services.stubFor(
        get(urlPathEqualTo("/v1/status"))
            .willReturn(aResponse().withBody("{\"id\":\"\",\"type\":\"notBusy\"}")));
    services.stubFor(post(urlEqualTo(SystemReport.PATH)).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    services.stop();
    System.clearProperty("kubernetes.master");
    System.clearProperty("kubernetes.auth.tryKubeConfig");
    System.clearProperty("kubernetes.auth.tryServiceAccount");
  }

  @Test
  void isReadyBeforeKubescapeThenScansTheClusterOnce() throws Exception {
    String local = "127.0.0.1:" + services.port();
    startOperator(
        "{\"clusterName\":\"c1\",\"accountID\":\"a1\",\"kubescapeURL\":\""
            + local
            + "\",\"eventReceiverRestURL\":\"http://"
            + local
            + "\"}");

    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> services.findAll(READYZ).size() >= 2);
    assertThat(services.findAll(postRequestedFor(urlPathEqualTo("/v1/scan")))).isEmpty();

    services.stubFor(head(urlEqualTo("/readyz")).willReturn(aResponse().withStatus(200)));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> reports().stream().anyMatch(r -> "done".equals(r.status())));
    services.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/scan?keep=false"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(BODY)));
    List<SystemReport> reports = reports();
    assertThat(reports)
        .extracting(r -> r.status() + ": " + java.util.Objects.toString(r.details(), ""))
        .containsExactly(
            "started: Handling single request",
            "started: triggered successfully, scan ID: 'scan-1'",
            "done: ");
    assertThat(reports)
        .allSatisfy(
            r -> {
              assertThat(r.action()).isEqualTo("kubescapeScan");
              assertThat(r.target()).isEqualTo("wlid://cluster-c1");
              assertThat(r.customerGuid()).isEqualTo("a1");
              assertThat(r.jobId()).isEqualTo(reports.get(0).jobId());
            });
    int polls = services.findAll(READYZ).size();
    assertThat(operator.getBean(StartupPostureScan.class).running()).isFalse();
    assertThat(services.findAll(READYZ)).hasSize(polls);
  }

  @Test
  void withoutKubescapeUrlNothingIsAttempted() throws Exception {
    startOperator("{\"clusterName\":\"c1\",\"accountID\":\"a1\"}");

    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    assertThat(operator.getBean(StartupPostureScan.class).running()).isFalse();
  }

  private void startOperator(String clusterData) throws Exception {
    Path config = Files.writeString(dir.resolve("clusterData.json"), clusterData);
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
                "--ks.operator.namespace=kubescape",
                "--ks.operator.status-poll-interval=100ms",
                "--ks.operator.startup-scan.ready-poll-interval=100ms");
  }

  private int readiness() throws Exception {
    String port = operator.getEnvironment().getRequiredProperty("local.management.port");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/readiness"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private List<SystemReport> reports() {
    return services.findAll(postRequestedFor(urlEqualTo(SystemReport.PATH))).stream()
        .map(LoggedRequest::getBody)
        .map(body -> WireJson.read(body, SystemReport.class))
        .toList();
  }
}
