package io.kso.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void namesThePropertyThatIsWrong() {
    assertThatThrownBy(() -> Settings.atLeast(0, 1, "ks.operator.worker-concurrency"))
        .hasMessage("ks.operator.worker-concurrency must be at least 1, was 0");
    assertThatThrownBy(() -> Settings.port(70000, "ks.gateway.websocket-port"))
        .hasMessageContaining("ks.gateway.websocket-port");
    assertThatThrownBy(() -> Settings.notBlank(" ", "ks.operator.namespace"))
        .hasMessage("ks.operator.namespace must not be blank");
    assertThatThrownBy(() -> Settings.required(null, "ks.base.config-path"))
        .hasMessage("ks.base.config-path must be set");
  }

  @Test
  void passesGoodValuesThrough() {
    assertThat(Settings.atLeast(3, 1, "x")).isEqualTo(3);
    assertThat(Settings.port(8001, "x")).isEqualTo(8001);
    assertThat(Settings.notBlank("kubescape", "x")).isEqualTo("kubescape");
  }
}
