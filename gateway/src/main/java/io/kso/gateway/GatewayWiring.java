package io.kso.gateway;

import io.kso.common.concurrent.Daemons;
import io.kso.common.config.ClusterConfig;
import io.kso.gateway.adapter.health.UpstreamHealthIndicator;
import io.kso.gateway.adapter.metrics.MicrometerRelayMetrics;
import io.kso.gateway.adapter.ws.ReactorNettyUpstreamDialer;
import io.kso.gateway.adapter.ws.WebsocketServer;
import io.kso.gateway.relay.Credentials;
import io.kso.gateway.relay.GatewayMode;
import io.kso.gateway.relay.Relay;
import io.kso.gateway.relay.UpstreamLink;
import io.kso.gateway.relay.Upstreams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

@Configuration(proxyBeanMethods = false)
class GatewayWiring {
  private static final Logger log = LoggerFactory.getLogger(GatewayWiring.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Bean
  GatewayMode gatewayMode(GatewayProperties props, ClusterConfig config) {
    GatewayMode mode = GatewayMode.of(props.parentUrl(), config.rootGatewayUrl());
    log.atInfo()
        .addKeyValue("role", mode.role())
        .addKeyValue("parentUrl", mode.parentUrl())
        .addKeyValue("websocketPort", props.websocketPort())
        .addKeyValue("credentials", props.credentials().configured())
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

  /**
   * The gateway's own event loops, shared by its three servers and its upstream client, and shut
   * down with it, instead of Reactor Netty's process-wide ones (which the default factory disposes
   * on shutdown, under any other gateway running in the same JVM, as in the multi-gateway tests).
   */
  @Bean
  ReactorResourceFactory reactorResourceFactory(GatewayProperties props) {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    // As many loops as cores (Reactor's default is at least four): a fan-out is one task per loop,
    // and more loops than cores only adds thread switches.
    factory.setLoopResourcesSupplier(
        () -> LoopResources.create("gateway-io", props.eventLoopCount(), true));
    factory.setShutdownQuietPeriod(Duration.ZERO);
    factory.setShutdownTimeout(Duration.ofSeconds(5));
    return factory;
  }

  /** Keep-alive sweeps and reconnect timers: short tasks, one thread. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService gatewayTimers() {
    return Executors.newSingleThreadScheduledExecutor(Daemons.named("gateway-timers"));
  }

  @Bean
  MicrometerRelayMetrics relayMetrics(MeterRegistry registry) {
    return new MicrometerRelayMetrics(registry);
  }

  @Bean
  Relay relay(MicrometerRelayMetrics metrics, GatewayProperties props) {
    return new Relay(metrics, props.deliveryTimeout());
  }

  @Bean(destroyMethod = "stop")
  Upstreams upstreams(
      GatewayMode mode,
      GatewayProperties props,
      Relay relay,
      MicrometerRelayMetrics metrics,
      ScheduledExecutorService gatewayTimers,
      ReactorResourceFactory reactorResources) {
    ReactorNettyUpstreamDialer dialer =
        new ReactorNettyUpstreamDialer(
            new ReactorNettyUpstreamDialer.Options(
                mode.parentUrl(),
                props.credentials(),
                (int) props.maxMessageSize().toBytes(),
                props.keepAlive().policy(),
                CONNECT_TIMEOUT),
            reactorResources::getLoopResources);
    UpstreamLink.Context context =
        new UpstreamLink.Context(
            dialer,
            relay,
            props.reconnect().backoff(),
            gatewayTimers,
            metrics,
            GatewayWiring::logUpstream,
            () -> ThreadLocalRandom.current().nextDouble(),
            Clock.systemUTC());
    return new Upstreams(mode, context);
  }

  @Bean
  WebsocketServer websocketServer(
      GatewayMode mode,
      GatewayProperties props,
      Relay relay,
      Upstreams upstreams,
      MicrometerRelayMetrics metrics,
      ScheduledExecutorService gatewayTimers,
      ReactorResourceFactory reactorResources) {
    GatewayProperties.Outbound outbound = props.outbound();
    Credentials required =
        mode.role() == GatewayMode.Role.MASTER ? props.credentials() : Credentials.NONE;
    WebsocketServer.Options options =
        new WebsocketServer.Options(
            props.websocketAddress(),
            props.websocketPort(),
            (int) props.maxMessageSize().toBytes(),
            WebsocketServer.limits(
                outbound.maxMessages(), outbound.maxBytes().toBytes(), outbound.closeGrace()),
            props.keepAlive().policy(),
            required);
    return new WebsocketServer(
        options,
        relay,
        upstreams::leafJoined,
        metrics,
        gatewayTimers,
        reactorResources::getLoopResources);
  }

  @Bean
  HealthIndicator upstreamHealthIndicator(Upstreams upstreams) {
    return new UpstreamHealthIndicator(upstreams);
  }

  @Bean
  MeterBinder gatewayConnectionGauges(Relay relay, Upstreams upstreams) {
    return registry -> MicrometerRelayMetrics.gauges(registry, relay, upstreams);
  }

  private static void logUpstream(UpstreamLink.Status status) {
    boolean routine = status.state() == UpstreamLink.State.CONNECTING;
    (routine ? log.atDebug() : log.atInfo())
        .addKeyValue("attributes", status.attributes().toString())
        .addKeyValue("state", status.state())
        .addKeyValue("failures", status.failures())
        .addKeyValue("lastError", status.lastError())
        .log("upstream link " + status.state().name().toLowerCase(Locale.ROOT));
  }
}
