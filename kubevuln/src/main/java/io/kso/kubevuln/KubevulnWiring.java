package io.kso.kubevuln;

import io.kso.common.config.ClusterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KubevulnWiring {
  private static final Logger log = LoggerFactory.getLogger(KubevulnWiring.class);

  @Bean
  ApplicationRunner announceConfiguration(KubevulnProperties props, ClusterConfig config) {
    return args ->
        log.atInfo()
            .addKeyValue("clusterName", config.clusterName())
            .addKeyValue("scanConcurrency", props.scanConcurrency())
            .addKeyValue("keepLocal", config.isKeepLocal())
            .addKeyValue("eventReceiverRestURL", config.eventReceiverRestUrl())
            .log("kubevuln configured");
  }
}
