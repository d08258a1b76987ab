package io.kso.base.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.base.testapp.RunningService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class KubernetesClientPrebuildTest {
  KubernetesClient mock;
  @TempDir Path dir;

  @BeforeEach
  void pointAtTheMockApiServer() {
    System.setProperty("kubernetes.master", mock.getMasterUrl().toString());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.trust.certificates", "true");
  }

  @AfterEach
  void clear() {
    System.clearProperty("kubernetes.master");
    System.clearProperty("kubernetes.auth.tryKubeConfig");
    System.clearProperty("kubernetes.auth.tryServiceAccount");
    System.clearProperty("kubernetes.trust.certificates");
  }

  @Test
  void theServiceUsesTheClientBuiltWhileItStarted() {
    mock.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("kubescape").endMetadata().build())
        .create();

    try (RunningService service =
        RunningService.startWith(
            List.of(KubernetesAutoConfiguration.class), dir, "{}", "ks.base.probe-timeout=3s")) {
      KubernetesClient client = service.context().getBean(KubernetesClient.class);
      KubernetesClientPrebuild.Started started =
          service
              .context()
              .getBean(KubernetesClientPrebuild.BEAN, KubernetesClientPrebuild.Started.class);

      assertThat(started.taken()).isTrue();
      assertThat(started.await()).isSameAs(client);
      assertThat(client.getConfiguration().getConnectionTimeout())
          .as("the service's own settings, read before the context existed")
          .isEqualTo(3000);
      assertThat(client.getConfiguration().getRequestTimeout()).isEqualTo(30_000);
      assertThat(client.getMasterUrl()).isEqualTo(mock.getMasterUrl());
      assertThat(client.namespaces().withName("kubescape").get()).isNotNull();
    }
  }
}
