package io.kso.kubescape.adapter.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.kubescape.engine.K8s;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.NamespaceFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Against the fabric8 CRUD mock server, which serves no API discovery: the kind table answers. */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterObjectsTest {
  KubernetesClient client;

  private ClusterRead read(Set<String> kinds, NamespaceFilter namespaces) {
    return new Fabric8ClusterObjects(client, ClusterReadOptions.defaults()).read(kinds, namespaces);
  }

  @Test
  void readsObjectsOfSeveralKindsAsResourcesWithKubescapeIds() {
    namespace("shop");
    pod("shop", "web");
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("api")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("api")
                .withImage("api:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("viewer")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("get")
                .endRule()
                .build())
        .create();
    configMap("shop", "settings", Map.of("k", "v"));

    ClusterRead read = read(Set.of("Pod", "Deployment", "ClusterRole", "Namespace"), all());

    assertThat(read.unreadable()).isEmpty();
    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactlyInAnyOrder(
            "rbac.authorization.k8s.io/v1//ClusterRole/viewer",
            "apps/v1/shop/Deployment/api",
            "/v1//Namespace/shop",
            "/v1/shop/Pod/web");
    assertThat(read.resources()).extracting(Resource::source).containsOnly("cluster");
    Resource deployment = byId(read, "apps/v1/shop/Deployment/api");
    assertThat(containers(deployment)).singleElement().satisfies(c -> image(c, "api:1"));
  }

  @Test
  void stripsManagedFieldsAndKeepsTheRestOfTheMetadata() {
    client
        .configMaps()
        .inNamespace("shop")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .addToLabels("app", "shop")
                .withManagedFields(
                    new ManagedFieldsEntryBuilder()
                        .withManager("kubectl")
                        .withOperation("Apply")
                        .build())
                .endMetadata()
                .addToData("mode", "fast")
                .build())
        .create();
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get())
        .extracting(cm -> cm.getMetadata().getManagedFields())
        .asList()
        .as("the mock keeps managedFields, so stripping them is the adapter's doing")
        .hasSize(1);

    Resource cm = read(Set.of("ConfigMap"), all()).resources().get(0);

    Map<String, Object> metadata = K8s.map(cm.object().get("metadata"));
    assertThat(metadata).doesNotContainKey("managedFields").containsKey("uid");
    assertThat(K8s.labels(cm.object())).containsEntry("app", "shop");
    assertThat(K8s.map(cm.object().get("data"))).containsEntry("mode", "fast");
  }

  @Test
  void includedNamespacesAreTheOnlyOnesReadAndClusterScopedKindsStillAre() {
    for (String ns : List.of("a", "b", "c")) {
      namespace(ns);
      pod(ns, "p-" + ns);
    }
    client
        .nodes()
        .resource(
            new io.fabric8.kubernetes.api.model.NodeBuilder()
                .withNewMetadata()
                .withName("node-1")
                .endMetadata()
                .build())
        .create();

    ClusterRead read =
        read(Set.of("Pod", "Namespace", "Node"), new NamespaceFilter(List.of("a", "c"), List.of()));

    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactlyInAnyOrder(
            "/v1//Namespace/a",
            "/v1//Namespace/c",
            "/v1//Node/node-1",
            "/v1/a/Pod/p-a",
            "/v1/c/Pod/p-c");
  }

  @Test
  void excludedNamespacesAndTheirNamespaceObjectsAreDropped() {
    for (String ns : List.of("a", "kube-system")) {
      namespace(ns);
      pod(ns, "p-" + ns);
      configMap(ns, "cm-" + ns, Map.of());
    }

    ClusterRead read =
        read(
            Set.of("Pod", "ConfigMap", "Namespace"),
            new NamespaceFilter(List.of(), List.of("kube-system")));

    assertThat(read.resources())
        .extracting(Resource::id)
        .containsExactlyInAnyOrder("/v1//Namespace/a", "/v1/a/Pod/p-a", "/v1/a/ConfigMap/cm-a");
  }

  @Test
  void kindsNoApiServerServesAndUnknownKindsAreReportedNotDropped() {
    pod("a", "web");

    ClusterRead read = read(Set.of("Pod", "KubeletInfo", "ClusterDescribe", "Widget"), all());

    assertThat(read.resources()).extracting(Resource::id).containsExactly("/v1/a/Pod/web");
    assertThat(read.unreadable())
        .containsOnlyKeys("KubeletInfo", "ClusterDescribe", "Widget")
        .containsEntry("KubeletInfo", "KubeletInfo: not an API server kind (host scanner data)")
        .containsEntry(
            "ClusterDescribe", "ClusterDescribe: not an API server kind (cloud provider data)");
    assertThat(read.unreadable().get("Widget"))
        .startsWith("Widget: not a well-known kind")
        .contains("API discovery is not served");
  }

  @Test
  void theMockServesNoGitVersionSoTheServerVersionIsEmpty() {
    assertThat(read(Set.of("Pod"), all()).serverVersion()).isEmpty();
  }

  private static NamespaceFilter all() {
    return NamespaceFilter.all();
  }

  private void namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private void pod(String ns, String name) {
    client
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private void configMap(String ns, String name, Map<String, String> data) {
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  private static Resource byId(ClusterRead read, String id) {
    return read.resources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<Object> containers(Resource r) {
    return K8s.list(
        K8s.map(K8s.map(K8s.map(r.object().get("spec")).get("template")).get("spec"))
            .get("containers"));
  }

  private static void image(Object container, String image) {
    assertThat(K8s.map(container)).containsEntry("image", image);
  }
}
