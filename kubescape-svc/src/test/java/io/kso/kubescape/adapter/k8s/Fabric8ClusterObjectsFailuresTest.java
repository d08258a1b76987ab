package io.kso.kubescape.adapter.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.ClusterUnavailableException;
import io.kso.kubescape.port.NamespaceFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Failures and paging, through expectations served before the CRUD mock (the mock's mixed
 * dispatcher): what the CRUD mock alone cannot do.
 */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterObjectsFailuresTest {
  KubernetesClient client;
  KubernetesMockServer server;

  private ClusterRead read(ClusterReadOptions options, String... kinds) {
    return new Fabric8ClusterObjects(client, options).read(Set.of(kinds), NamespaceFilter.all());
  }

  private ClusterRead read(String... kinds) {
    return read(ClusterReadOptions.defaults(), kinds);
  }

  @Test
  void forbiddenAndUnservedKindsAreUnreadableWhileTheOthersAreRead() {
    client.configMaps().inNamespace("a").resource(configMap("a", "cm")).create();
    server
        .expect()
        .get()
        .withPath("/api/v1/secrets?limit=500")
        .andReturn(403, status(403, "secrets is forbidden: User cannot list resource"))
        .always();
    server
        .expect()
        .get()
        .withPath("/apis/gateway.networking.k8s.io/v1/httproutes?limit=500")
        .andReturn(404, status(404, "the server could not find the requested resource"))
        .always();

    ClusterRead read = read("Secret", "HTTPRoute", "ConfigMap");

    assertThat(read.unreadable())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "Secret", "secrets: forbidden (403)",
                "HTTPRoute", "httproutes: not served by this API server (404)"));
    assertThat(read.resources()).extracting(Resource::id).containsExactly("/v1/a/ConfigMap/cm");
  }

  @Test
  void followsContinueTokensAndReturnsEveryObjectExactlyOnce() {
    expectPage("/api/v1/configmaps?limit=2", "t1", 0, 1);
    expectPage("/api/v1/configmaps?limit=2&continue=t1", "t2", 2, 3);
    expectPage("/api/v1/configmaps?limit=2&continue=t2", null, 4);

    ClusterRead read = read(options(2, Duration.ofSeconds(10)), "ConfigMap");

    assertThat(read.unreadable()).isEmpty();
    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactly(
            IntStream.range(0, 5).mapToObj(i -> "/v1/a/ConfigMap/cm-" + i).toArray(String[]::new));
  }

  @Test
  void anExpiredContinueTokenRestartsTheListingOnceWithoutDuplicates() {
    expectPage(2, "/api/v1/configmaps?limit=2", "t1", 0, 1);
    server
        .expect()
        .get()
        .withPath("/api/v1/configmaps?limit=2&continue=t1")
        .andReturn(410, status(410, "The provided continue parameter is too old"))
        .once();
    expectPage("/api/v1/configmaps?limit=2&continue=t1", null, 2);

    ClusterRead read = read(options(2, Duration.ofSeconds(10)), "ConfigMap");

    assertThat(read.unreadable()).isEmpty();
    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactly("/v1/a/ConfigMap/cm-0", "/v1/a/ConfigMap/cm-1", "/v1/a/ConfigMap/cm-2");
  }

  @Test
  void aListingThatExpiresAgainAfterItsRestartIsUnreadable() {
    expectPage(2, "/api/v1/configmaps?limit=2", "t1", 0, 1);
    server
        .expect()
        .get()
        .withPath("/api/v1/configmaps?limit=2&continue=t1")
        .andReturn(410, status(410, "The provided continue parameter is too old"))
        .always();
    client.pods().inNamespace("a").resource(pod()).create();

    ClusterRead read = read(options(2, Duration.ofSeconds(10)), "ConfigMap", "Pod");

    assertThat(read.unreadable())
        .containsOnlyKeys("ConfigMap")
        .containsEntry("ConfigMap", "configmaps: list expired again after a restart (410 Gone)");
    assertThat(read.resources()).extracting(Resource::id).containsExactly("/v1/a/Pod/p");
  }

  @Test
  void serverErrorsOnSomeKindsOnlyMakeThoseKindsUnreadable() {
    client.pods().inNamespace("a").resource(pod()).create();
    server
        .expect()
        .get()
        .withPath("/api/v1/secrets?limit=500")
        .andReturn(503, status(503, "etcd leader changed"))
        .always();

    ClusterRead read = read(options(500, Duration.ofSeconds(10)), "Secret", "Pod");

    assertThat(read.unreadable())
        .containsOnly(java.util.Map.entry("Secret", "secrets: server error (503)"));
    assertThat(read.resources()).extracting(Resource::id).containsExactly("/v1/a/Pod/p");
  }

  @Test
  void serverErrorsOnEveryKindMeanTheClusterIsUnavailable() {
    for (String plural : new String[] {"pods", "secrets"}) {
      server
          .expect()
          .get()
          .withPath("/api/v1/" + plural + "?limit=500")
          .andReturn(500, status(500, "etcdserver: request timed out"))
          .always();
    }

    assertThatThrownBy(() -> read(options(500, Duration.ofSeconds(10)), "Pod", "Secret"))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("cannot be reached")
        .hasMessageContaining("server error (500)");
  }

  @Test
  void aKindWhoseAnswerDoesNotComeInTimeIsUnreadable() {
    client.pods().inNamespace("a").resource(pod()).create();
    server
        .expect()
        .get()
        .delay(5, TimeUnit.SECONDS)
        .withPath("/api/v1/secrets?limit=500")
        .andReturn(200, new ConfigMapListBuilder().build())
        .always();

    ClusterRead read = read(options(500, Duration.ofMillis(700)), "Secret", "Pod");

    assertThat(read.unreadable()).containsOnlyKeys("Secret");
    assertThat(read.unreadable().get("Secret")).startsWith("secrets: ");
    assertThat(read.resources()).extracting(Resource::id).containsExactly("/v1/a/Pod/p");
  }

  @Test
  void anUnreachableServerThrowsQuickly() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort).build();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
      Fabric8ClusterObjects objects =
          new Fabric8ClusterObjects(unreachable, ClusterReadOptions.defaults());

      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(
                      () -> objects.read(Set.of("Pod", "Deployment"), NamespaceFilter.all()))
                  .isInstanceOf(ClusterUnavailableException.class)
                  .hasMessageContaining("127.0.0.1:" + closedPort)
                  .hasMessageContaining("cannot be reached"));
    }
  }

  private static ClusterReadOptions options(int pageSize, Duration timeout) {
    return new ClusterReadOptions(pageSize, 2, timeout, 0);
  }

  private void expectPage(String path, String continueToken, int... items) {
    expectPage(1, path, continueToken, items);
  }

  private void expectPage(int times, String path, String continueToken, int... items) {
    ConfigMapListBuilder page = new ConfigMapListBuilder();
    page.withNewMetadata().withContinue(continueToken).withResourceVersion("42").endMetadata();
    for (int i : items) {
      page.addToItems(configMap("a", "cm-" + i));
    }
    server.expect().get().withPath(path).andReturn(200, page.build()).times(times);
  }

  private static ConfigMap configMap(String ns, String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .addToData("k", "v")
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Pod pod() {
    return new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata()
        .withName("p")
        .endMetadata()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Status status(int code, String message) {
    return new StatusBuilder().withCode(code).withMessage(message).withStatus("Failure").build();
  }
}
