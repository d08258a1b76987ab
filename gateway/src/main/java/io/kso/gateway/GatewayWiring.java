package io.kso.gateway;

import io.kso.common.config.ClusterConfig;
import io.kso.gateway.relay.GatewayMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GatewayWiring {
  private static final Logger log = LoggerFactory.getLogger(GatewayWiring.class);

  @Bean
  GatewayMode gatewayMode(GatewayProperties props, ClusterConfig config) {
    GatewayMode mode = GatewayMode.of(props.parentUrl(), config.rootGatewayUrl());
    log.atInfo()
        .addKeyValue("role", mode.role())
        .addKeyValue("parentUrl", mode.parentUrl())
        .addKeyValue("websocketPort", props.websocketPort())
        .log("gateway configured");
    return mode;
  }

  @Bean
  HealthIndicator gatewayModeHealthIndicator(GatewayMode mode) {
    return () ->
        Health.up()
            .withDetail("role", mode.role())
            .withDetail("parentUrl", mode.parentUrl())
            .build();
  }
}
