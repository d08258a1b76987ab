package io.kso.kubescape.adapter.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.Inputs;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterReaderTest {
  KubernetesClient client;

  @Test
  void readsTheObjectsOfTheClusterAcrossNamespaces() {
    client
        .configMaps()
        .inNamespace("a")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cm")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace("b")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("nginx")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    Inputs in = ClusterReader.read(client);

    assertThat(in.resources())
        .extracting(Resource::id)
        .contains("/v1/a/ConfigMap/cm", "apps/v1/b/Deployment/web");
    Resource web = in.resources().stream().filter(r -> r.name().equals("web")).findFirst().get();
    assertThat(web.object().toString()).contains("nginx");
  }
}
