package io.kso.operator;

import io.kso.common.config.ClusterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OperatorWiring {
  private static final Logger log = LoggerFactory.getLogger(OperatorWiring.class);

  @Bean
  ApplicationRunner announceConfiguration(OperatorProperties props, ClusterConfig config) {
    return args ->
        log.atInfo()
            .addKeyValue("clusterName", config.clusterName())
            .addKeyValue("namespace", props.namespace())
            .addKeyValue("workers", props.workerConcurrency())
            .addKeyValue("kubevulnURL", config.kubevulnUrl())
            .addKeyValue("kubescapeURL", config.kubescapeUrl())
            .addKeyValue("gatewayWebsocketURL", config.gatewayWebsocketUrl())
            .log("operator configured");
  }
}
