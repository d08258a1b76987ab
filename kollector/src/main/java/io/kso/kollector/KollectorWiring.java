package io.kso.kollector;

import io.kso.common.config.ClusterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KollectorWiring {
  private static final Logger log = LoggerFactory.getLogger(KollectorWiring.class);

  @Bean
  ApplicationRunner announceConfiguration(KollectorProperties props, ClusterConfig config) {
    return args ->
        log.atInfo()
            .addKeyValue("clusterName", config.clusterName())
            .addKeyValue("namespace", props.namespace())
            .addKeyValue("eventReceiverWebsocketURL", config.eventReceiverWebsocketUrl())
            .addKeyValue("gatewayRestURL", config.gatewayRestUrl())
            .log("kollector configured");
  }
}
