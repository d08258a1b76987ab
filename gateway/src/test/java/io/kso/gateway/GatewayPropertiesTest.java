package io.kso.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class GatewayPropertiesTest {

  private static GatewayProperties properties(DataSize maxMessage, DataSize maxQueued) {
    return new GatewayProperties(
        8001,
        "0.0.0.0",
        "",
        "edge-1",
        "very-secret",
        maxMessage,
        Duration.ofSeconds(10),
        new GatewayProperties.Outbound(256, maxQueued, Duration.ofSeconds(1)),
        new GatewayProperties.KeepAliveSettings(Duration.ofSeconds(10), 3),
        new GatewayProperties.Reconnect(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5),
        0);
  }

  @Test
  void neverPrintsTheSecretKey() {
    GatewayProperties props = properties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(4));

    assertThat(props.toString()).contains("edge-1").doesNotContain("very-secret");
    assertThat(props.credentials().configured()).isTrue();
  }

  @Test
  void refusesAMessageLimitAboveTheOutboundBudget() {
    assertThatThrownBy(() -> properties(DataSize.ofMegabytes(8), DataSize.ofMegabytes(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ks.gateway.max-message-size");
  }

  @Test
  void runsOneEventLoopPerProcessorUnlessTold() {
    assertThat(properties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(4)).eventLoopCount())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void refusesAKeepAliveThatCannotWork() {
    assertThatThrownBy(() -> new GatewayProperties.KeepAliveSettings(Duration.ZERO, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
