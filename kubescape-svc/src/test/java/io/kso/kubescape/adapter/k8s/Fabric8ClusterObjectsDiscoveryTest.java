package io.kso.kubescape.adapter.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.NamespaceFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With discovery documents served as a real API server serves them. */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterObjectsDiscoveryTest {
  KubernetesClient client;
  KubernetesMockServer server;

  private ClusterRead read(String... kinds) {
    return new Fabric8ClusterObjects(client, ClusterReadOptions.defaults())
        .read(Set.of(kinds), NamespaceFilter.all());
  }

  @Test
  void kindsResolveToTheFirstGroupServingThemInItsPreferredVersion() {
    serveDiscovery();
    // Built-in lists leave kind and apiVersion out of their items; CRD lists carry them.
    expectList("/api/v1/pods", "{\"metadata\":{\"name\":\"web\",\"namespace\":\"a\"}}");
    expectList("/apis/apps/v1/deployments", "{\"metadata\":{\"name\":\"d\",\"namespace\":\"a\"}}");
    expectList(
        "/apis/example.com/v2/widgets",
        "{\"apiVersion\":\"example.com/v2\",\"kind\":\"Widget\","
            + "\"metadata\":{\"name\":\"w\",\"namespace\":\"a\"}}");
    expectList(
        "/apis/example.com/v1/gadgets",
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\"}}");

    ClusterRead read =
        read("Pod", "Deployment", "Widget", "Gadget", "PodSecurityPolicy", "Sprocket");

    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactlyInAnyOrder(
            "/v1/a/Pod/web",
            "apps/v1/a/Deployment/d",
            "example.com/v2/a/Widget/w",
            "example.com/v1//Gadget/g");
    assertThat(read.unreadable())
        .containsOnly(
            Map.entry(
                "PodSecurityPolicy",
                "PodSecurityPolicy: not served by this API server (not in API discovery)"),
            Map.entry(
                "Sprocket", "Sprocket: not served by this API server (not in API discovery)"));
    assertThat(read.serverVersion()).isEqualTo("v1.30.2");
    assertThat(requestedPaths())
        .as("the other group's Deployment CRD does not shadow apps' Deployment")
        .doesNotContain("/apis/other.io/v1/deployments?limit=500");
  }

  @Test
  void aGroupWhoseDiscoveryFailsIsNamedInTheReasonOfKindsOnlyItCouldServe() {
    // Registered first: the first matching expectation answers.
    server
        .expect()
        .get()
        .withPath("/apis/other.io/v1")
        .andReturn(503, new StatusBuilder().withCode(503).build())
        .always();
    serveDiscovery();
    expectList(
        "/apis/example.com/v2/widgets",
        "{\"apiVersion\":\"example.com/v2\",\"kind\":\"Widget\","
            + "\"metadata\":{\"name\":\"w\",\"namespace\":\"a\"}}");

    ClusterRead read = read("Widget", "Sprocket");

    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactly("example.com/v2/a/Widget/w");
    assertThat(read.unreadable())
        .containsOnly(
            Map.entry(
                "Sprocket", "Sprocket: API discovery of other.io/v1 failed: server error (503)"));
  }

  @Test
  void whenDiscoveryIsForbiddenTheKindTableAnswers() {
    server
        .expect()
        .get()
        .withPath("/api/v1")
        .andReturn(403, new StatusBuilder().withCode(403).build())
        .always();
    client
        .pods()
        .inNamespace("a")
        .resource(new PodBuilder().withNewMetadata().withName("web").endMetadata().build())
        .create();

    ClusterRead read = read("Pod", "Widget");

    assertThat(read.resources()).extracting(Resource::id).containsExactly("/v1/a/Pod/web");
    assertThat(read.unreadable())
        .containsOnly(
            Map.entry(
                "Widget",
                "Widget: not a well-known kind, and API discovery failed: forbidden (403)"));
  }

  private void serveDiscovery() {
    // The mock answers /version itself, before any expectation.
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion("v1.30.2").build());
    serveResources(
        "/api/v1",
        "v1",
        resource("pods", "Pod", true, "list"),
        resource("pods/log", "Pod", true, "get"),
        resource("bindings", "Binding", true, "create"),
        resource("namespaces", "Namespace", false, "list"));
    server
        .expect()
        .get()
        .withPath("/apis")
        .andReturn(
            200,
            new APIGroupListBuilder()
                .addNewGroup()
                .withName("apps")
                .withVersions(version("apps", "v1"))
                .withPreferredVersion(version("apps", "v1"))
                .endGroup()
                .addNewGroup()
                .withName("policy")
                .withVersions(version("policy", "v1"))
                .withPreferredVersion(version("policy", "v1"))
                .endGroup()
                .addNewGroup()
                .withName("example.com")
                .withVersions(version("example.com", "v2"), version("example.com", "v1"))
                .withPreferredVersion(version("example.com", "v2"))
                .endGroup()
                .addNewGroup()
                .withName("other.io")
                .withVersions(version("other.io", "v1"))
                .withPreferredVersion(version("other.io", "v1"))
                .endGroup()
                .build())
        .always();
    serveResources("/apis/apps/v1", "apps/v1", resource("deployments", "Deployment", true, "list"));
    serveResources(
        "/apis/policy/v1",
        "policy/v1",
        resource("poddisruptionbudgets", "PodDisruptionBudget", true, "list"));
    serveResources(
        "/apis/example.com/v2", "example.com/v2", resource("widgets", "Widget", true, "list"));
    serveResources(
        "/apis/example.com/v1",
        "example.com/v1",
        resource("widgets", "Widget", true, "list"),
        resource("gadgets", "Gadget", false, "list"));
    serveResources(
        "/apis/other.io/v1", "other.io/v1", resource("deployments", "Deployment", true, "list"));
  }

  private void serveResources(String path, String groupVersion, Map<String, Object>... resources) {
    APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(groupVersion);
    for (Map<String, Object> r : resources) {
      list.addNewResource()
          .withName((String) r.get("name"))
          .withKind((String) r.get("kind"))
          .withNamespaced((Boolean) r.get("namespaced"))
          .withVerbs((String) r.get("verb"))
          .withSingularName("")
          .endResource();
    }
    server.expect().get().withPath(path).andReturn(200, list.build()).always();
  }

  private static Map<String, Object> resource(
      String name, String kind, boolean namespaced, String verb) {
    return Map.of("name", name, "kind", kind, "namespaced", namespaced, "verb", verb);
  }

  private static GroupVersionForDiscovery version(String group, String version) {
    return new GroupVersionForDiscovery(group + "/" + version, version);
  }

  private void expectList(String path, String item) {
    String page =
        "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[" + item + "]}";
    server.expect().get().withPath(path + "?limit=500").andReturn(200, page).always();
  }

  private List<String> requestedPaths() {
    List<String> paths = new ArrayList<>();
    try {
      for (RecordedRequest r;
          (r = server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS)) != null; ) {
        paths.add(r.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return paths;
  }
}
