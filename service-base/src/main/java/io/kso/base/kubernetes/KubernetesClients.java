package io.kso.base.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kso.base.config.ServiceBaseProperties;

/** The one place that builds a service's Kubernetes client. */
final class KubernetesClients {
  private KubernetesClients() {}

  /** Configured the usual way: in-cluster service account, or {@code KUBECONFIG}. */
  static KubernetesClient build(ServiceBaseProperties props) {
    int timeoutMillis = (int) props.probeTimeout().toMillis();
    Config config =
        new ConfigBuilder(Config.autoConfigure(null))
            .withConnectionTimeout(Math.max(timeoutMillis, 1000))
            .withRequestTimeout(30_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
