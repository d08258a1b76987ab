package io.kso.kubescape;

import io.kso.common.config.ClusterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KubescapeWiring {
  private static final Logger log = LoggerFactory.getLogger(KubescapeWiring.class);

  @Bean
  ApplicationRunner announceConfiguration(KubescapeProperties props, ClusterConfig config) {
    return args ->
        log.atInfo()
            .addKeyValue("clusterName", config.clusterName())
            .addKeyValue("resultsDir", props.resultsDir())
            .log("kubescape configured");
  }
}
