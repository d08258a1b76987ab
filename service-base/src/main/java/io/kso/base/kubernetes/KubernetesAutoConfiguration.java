package io.kso.base.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kso.base.config.ServiceBaseProperties;
import io.kso.base.health.CachedHealth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A Kubernetes client for services that have fabric8 on their class path, configured the usual way
 * (in-cluster service account, or {@code KUBECONFIG}), and the readiness check of its API server.
 */
@AutoConfiguration
@ConditionalOnClass(KubernetesClient.class)
public class KubernetesAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KubernetesClient kubernetesClient(
      ServiceBaseProperties props, ObjectProvider<KubernetesClientPrebuild.Started> prebuild) {
    KubernetesClientPrebuild.Started started = prebuild.getIfAvailable();
    return started != null ? (KubernetesClient) started.await() : KubernetesClients.build(props);
  }

  @Bean
  HealthIndicator kubernetesApiHealthIndicator(
      KubernetesClient client, ServiceBaseProperties props) {
    KubernetesApiCheck check = new KubernetesApiCheck(client, props.probeTimeout());
    return new CachedHealth(check::check, props.probeCacheFor())
        .checkInBackground("kubernetes-api-check");
  }
}
