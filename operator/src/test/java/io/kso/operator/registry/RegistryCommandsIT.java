package io.kso.operator.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.common.message.Command;
import io.kso.common.message.WireJson;
import io.kso.operator.adapter.http.HttpImageScanner;
import io.kso.operator.adapter.http.HttpJobReporter;
import io.kso.operator.adapter.k8s.Fabric8ClusterResources;
import io.kso.operator.adapter.registry.HttpRegistryCatalog;
import io.kso.operator.command.JobStatus;
import io.kso.operator.port.RegistryException;
import io.kso.operator.testing.LocalRegistry;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scanRegistry} and {@code testRegistryConnectivity} against Debian's docker-registry on
 * 127.0.0.1, with the cluster in fabric8's CRUD mock and WireMock as kubevuln and the event
 * receiver.
 */
@EnableKubernetesMockClient(crud = true)
class RegistryCommandsIT {
  private static final String NS = "kubescape";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  KubernetesClient client;
  @TempDir Path dir;

  private WireMockServer backend;
  private final HttpRegistryCatalog catalog = new HttpRegistryCatalog(Duration.ofSeconds(2));

  @BeforeEach
  void startBackend() {
    backend =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    backend.start();
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void stopBackend() {
    backend.stop();
  }

  @Test
  void scanRegistrySendsTheChosenImagesToKubevuln() throws Exception {
    try (LocalRegistry registry = LocalRegistry.anonymous(dir)) {
      for (String image : List.of("team/app:1.0", "team/app:2.0", "team/app:latest")) {
        registry.push(image.split(":")[0], image.split(":")[1]);
      }
      registry.push("team/skip", "1.0");
      registry.push("team/web", "1.0");
      registry.push("other/x", "1.0");

      scanHandler()
          .handle(
              command(
                  "scanRegistry",
                  Map.of(
                      "registryName",
                      registry.host() + "/team",
                      "depth",
                      2,
                      "exclude",
                      List.of("skip"),
                      "isHTTPS",
                      false)));

      List<Map<String, Object>> sent = bodies("/v1/scanRegistryImage");
      assertThat(sent)
          .extracting(b -> b.get("imageTag"))
          .containsExactly(
              registry.host() + "/team/app:latest",
              registry.host() + "/team/app:2.0",
              registry.host() + "/team/web:1.0");
      Map<String, Object> first = sent.get(0);
      assertThat(first.get("parentJobID")).isEqualTo("job-1");
      assertThat(first.get("args"))
          .isEqualTo(
              Map.of(
                  "registryName",
                  registry.host() + "/team",
                  "repository",
                  "app",
                  "tag",
                  "latest",
                  "useHTTP",
                  true,
                  "skipTLSVerify",
                  false,
                  "sensor",
                  "c1"));
      assertThat(first).doesNotContainKey("credentialsList");
    }
  }

  @Test
  void privateRegistryUsesTheCredentialsOfTheRegistryScanSecret() throws Exception {
    try (LocalRegistry registry = LocalRegistry.withUser(dir, "robot", "pa55word")) {
      registry.push("app", "1.0");
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("kubescape-registry-scan-1234")
                  .withNamespace(NS)
                  .endMetadata()
                  .addToStringData(
                      "registriesAuth",
                      WireJson.writeString(
                          List.of(
                              Map.of(
                                  "registry",
                                  registry.host(),
                                  "username",
                                  "robot",
                                  "password",
                                  "pa55word",
                                  "http",
                                  true))))
                  .build())
          .create();

      scanHandler().handle(command("scanRegistry", Map.of("registryName", registry.host())));

      List<Map<String, Object>> sent = bodies("/v1/scanRegistryImage");
      assertThat(sent)
          .extracting(b -> b.get("imageTag"))
          .containsExactly(registry.host() + "/app:1.0");
      assertThat(sent.get(0).get("credentialsList"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "username",
                      "robot",
                      "password",
                      "pa55word",
                      "serveraddress",
                      registry.host())));
    }
  }

  @Test
  void wrongPasswordIsRefusedWithAClearReasonThatHidesThePassword() throws Exception {
    try (LocalRegistry registry = LocalRegistry.withUser(dir, "robot", "pa55word")) {
      Command command = withWrongPassword("scanRegistry", registry);

      assertThatThrownBy(() -> scanHandler().handle(command))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.UNAUTHORIZED))
          .hasMessageContaining("robot")
          .hasMessageNotContaining("guess");
      assertThat(bodies("/v1/scanRegistryImage")).isEmpty();
    }
  }

  @Test
  void connectivityTestReportsEachStepAndTheRepositories() throws Exception {
    try (LocalRegistry registry = LocalRegistry.anonymous(dir)) {
      registry.push("team/app", "1.0");
      registry.push("team/web", "1.0");

      connectivityHandler()
          .handle(
              command(
                  "testRegistryConnectivity",
                  Map.of("registryName", registry.host() + "/team", "isHTTPS", false)));

      assertThat(bodies("/k8s/sysreport"))
          .extracting(r -> r.get("details") + " " + r.get("status"))
          .containsExactly(
              "registryInformation success",
              "registryAuthentication success",
              "retrieveRepositories success",
              "retrieveTags success");
      backend.verify(
          postRequestedFor(urlPathEqualTo("/k8s/registryRepositories"))
              .withQueryParam("jobID", equalTo("job-1"))
              .withQueryParam("customerGUID", equalTo("acc-1"))
              .withQueryParam("registryName", equalTo(registry.host() + "/team"))
              .withRequestBody(
                  equalToJson(
                      "[{\"repositoryName\":\"team/app\"},{\"repositoryName\":\"team/web\"}]")));
    }
  }

  @Test
  void connectivityTestStopsAtTheFailingStep() throws Exception {
    try (LocalRegistry registry = LocalRegistry.withUser(dir, "robot", "pa55word")) {
      Command command = withWrongPassword("testRegistryConnectivity", registry);

      assertThatThrownBy(() -> connectivityHandler().handle(command))
          .hasMessageStartingWith("registryAuthentication failed: ")
          .hasMessageNotContaining("guess");

      assertThat(bodies("/k8s/sysreport"))
          .extracting(r -> r.get("details") + " " + r.get("status"))
          .containsExactly("registryInformation success", "registryAuthentication failure");
      assertThat(bodies("/k8s/registryRepositories")).isEmpty();
    }
  }

  @Test
  void registryThatIsDownIsReportedAsUnreachable() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Command command =
        command(
            "testRegistryConnectivity",
            Map.of("registryName", "127.0.0.1:" + closed, "isHTTPS", false));

    assertThatThrownBy(() -> connectivityHandler().handle(command))
        .hasMessageStartingWith("registryAuthentication failed: cannot reach 127.0.0.1")
        .cause()
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.UNREACHABLE));
  }

  private RegistryScanHandler scanHandler() {
    return new RegistryScanHandler(
        settings(),
        new RegistryImages(catalog),
        new HttpImageScanner(HttpClient.newHttpClient(), backendUrl(), 1, Duration.ofMillis(10)),
        "c1",
        CLOCK);
  }

  private RegistryConnectivityHandler connectivityHandler() {
    JobStatus status =
        new JobStatus(
            new HttpJobReporter(HttpClient.newHttpClient(), backendUrl(), Duration.ofMillis(10)),
            "acc-1",
            "c1",
            CLOCK);
    return new RegistryConnectivityHandler(settings(), catalog, status);
  }

  private RegistrySettings settings() {
    return new RegistrySettings(new Fabric8ClusterResources(client), NS);
  }

  private String backendUrl() {
    return "http://127.0.0.1:" + backend.port();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> bodies(String path) {
    return backend.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(LoggedRequest::getBodyAsString)
        .map(body -> (Map<String, Object>) (Map<?, ?>) asMapOrList(body))
        .toList();
  }

  private static Object asMapOrList(String body) {
    return body.startsWith("[")
        ? Map.of("items", WireJson.read(body, List.class))
        : WireJson.read(body, Map.class);
  }

  private static Command withWrongPassword(String name, LocalRegistry registry) {
    return command(
        name,
        Map.of(
            "registryName",
            registry.host(),
            "isHTTPS",
            false,
            "authMethod",
            Map.of("type", "private", "username", "robot", "password", "guess")));
  }

  private static Command command(String name, Map<String, Object> registryInfo) {
    return WireJson.convert(
        Map.of(
            "commandName",
            name,
            "args",
            Map.of("registryInfo-v1", registryInfo),
            "jobTracking",
            Map.of("jobID", "job-1", "numSeq", 1)),
        Command.class);
  }
}
