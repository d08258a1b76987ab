package io.kso.base.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kso.base.config.ServiceBaseProperties;

/** The one place that builds a service's Kubernetes client. */
final class KubernetesClients {
  private KubernetesClients() {}

  /** Configured the usual way: in-cluster service account, or {@code KUBECONFIG}. */
  static KubernetesClient build(ServiceBaseProperties props) {
    int timeoutMillis = (int) props.probeTimeout().toMillis();
    // Set on the auto-configured Config itself: a ConfigBuilder copy would auto-configure again
    // when built, reading and parsing the kubeconfig a second time.
    Config config = Config.autoConfigure(null);
    config.setConnectionTimeout(Math.max(timeoutMillis, 1000));
    config.setRequestTimeout(30_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
