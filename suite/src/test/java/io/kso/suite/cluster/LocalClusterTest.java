package io.kso.suite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {
  @TempDir Path dir;

  @Test
  void aServiceAccountReachesTheServerOverVerifiedTls() throws Exception {
    try (LocalCluster cluster = LocalCluster.startWithTls(0, "kubescape")) {
      Map<String, String> env = cluster.writeServiceAccount(dir.resolve("sa"), "kubescape");

      assertThat(cluster.url()).startsWith("https://127.0.0.1:");
      assertThat(env)
          .containsEntry("KUBERNETES_SERVICE_HOST", "127.0.0.1")
          .containsEntry("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
      // What fabric8 makes of these variables in a pod, with hostname verification and no
      // trust-all: the token, the CA certificate and the namespace file.
      Config config =
          new ConfigBuilder(Config.empty())
              .withMasterUrl("https://127.0.0.1:" + env.get("KUBERNETES_SERVICE_PORT") + "/")
              .withCaCertFile(env.get("KUBERNETES_CERTS_CA_FILE"))
              .withOauthToken(
                  Files.readString(Path.of(env.get("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN"))))
              .withNamespace(Files.readString(Path.of(env.get("KUBENAMESPACE"))))
              .build();
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(client.getConfiguration().isTrustCerts()).isFalse();
        assertThat(client.namespaces().withName("kubescape").get()).isNotNull();
      }
    }
  }

  @Test
  void aKubeconfigForTheTlsServerNamesItsCertificate() throws Exception {
    try (LocalCluster cluster = LocalCluster.startWithTls(0, "kubescape")) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"), "kubescape");
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(client.getNamespace()).isEqualTo("kubescape");
        assertThat(client.namespaces().withName("kubescape").get()).isNotNull();
      }
    }
  }

  @Test
  void aServiceAccountNeedsTls() {
    try (LocalCluster cluster = LocalCluster.start(0)) {
      assertThatThrownBy(() -> cluster.writeServiceAccount(dir, "kubescape"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("TLS");
    }
  }
}
