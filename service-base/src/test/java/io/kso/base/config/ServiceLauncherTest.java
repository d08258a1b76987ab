package io.kso.base.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServiceLauncherTest {
  @Test
  void buildTimeBeanDefinitionsHoldWithoutAnOtlpEndpoint() {
    assertThat(ServiceLauncher.aotUsable(Map.of())).isTrue();
    assertThat(ServiceLauncher.aotUsable(Map.of("OTEL_COLLECTOR_SVC", " "))).isTrue();
  }

  @Test
  void anOtlpEndpointNeedsTheOrdinaryStart() {
    assertThat(ServiceLauncher.aotUsable(Map.of("OTEL_COLLECTOR_SVC", "otel-collector:4317")))
        .isFalse();
    assertThat(
            ServiceLauncher.aotUsable(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")))
        .isFalse();
  }

  @Test
  void leavesNettysFlightRecorderEventsOffUnlessAsked() {
    Properties unset = new Properties();
    ServiceLauncher.leaveNettyJfrOffUnlessAsked(unset);
    assertThat(unset.getProperty("io.netty.jfr.enabled")).isEqualTo("false");

    Properties asked = new Properties();
    asked.setProperty("io.netty.jfr.enabled", "true");
    ServiceLauncher.leaveNettyJfrOffUnlessAsked(asked);
    assertThat(asked.getProperty("io.netty.jfr.enabled")).isEqualTo("true");
  }
}
