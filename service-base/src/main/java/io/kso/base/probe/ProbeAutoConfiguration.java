package io.kso.base.probe;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Serves {@link ProbeRoutes} when {@code ks.base.probes.liveness-path} is set. */
@AutoConfiguration
@ConditionalOnProperty("ks.base.probes.liveness-path")
public class ProbeAutoConfiguration {
  @Bean
  RouterFunction<ServerResponse> probeRoutes(HealthEndpoint health, Environment env) {
    return ProbeRoutes.routes(
        health,
        env.getRequiredProperty("ks.base.probes.liveness-path"),
        env.getRequiredProperty("ks.base.probes.readiness-path"));
  }
}
