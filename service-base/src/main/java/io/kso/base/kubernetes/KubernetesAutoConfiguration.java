package io.kso.base.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kso.base.config.ServiceBaseProperties;
import io.kso.base.health.CachedHealth;
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
  KubernetesClient kubernetesClient(ServiceBaseProperties props) {
    int timeoutMillis = (int) props.probeTimeout().toMillis();
    Config config =
        new ConfigBuilder(Config.autoConfigure(null))
            .withConnectionTimeout(Math.max(timeoutMillis, 1000))
            .withRequestTimeout(30_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Bean
  HealthIndicator kubernetesApiHealthIndicator(
      KubernetesClient client, ServiceBaseProperties props) {
    KubernetesApiCheck check = new KubernetesApiCheck(client, props.probeTimeout());
    return new CachedHealth(check::check, props.probeCacheFor());
  }
}
