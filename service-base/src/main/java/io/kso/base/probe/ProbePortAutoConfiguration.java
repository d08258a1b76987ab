package io.kso.base.probe;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Probes and metrics on {@code ks.base.probe-port}, served from the main context (see {@link
 * ProbePortServer}). Services that set it leave {@code management.server.port} unset and give the
 * actuator a base path of its own.
 */
@AutoConfiguration
@ConditionalOnProperty(ProbePortSettings.PORT)
public class ProbePortAutoConfiguration {
  @Bean
  ProbePortServer probePortServer(
      ConfigurableEnvironment env,
      ObjectProvider<HttpHandler> handler,
      ObjectProvider<ReactorResourceFactory> resources) {
    ReactorResourceFactory factory = resources.getIfAvailable();
    return new ProbePortServer(
        ProbePortSettings.from(env),
        handler,
        factory == null ? null : factory.getLoopResources(),
        env);
  }

  @Bean
  ProbePortFilter probePortFilter(ProbePortServer server) {
    return new ProbePortFilter(server);
  }
}
