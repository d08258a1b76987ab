package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5);

  @Test
  void doublesFromTheInitialDelayUpToTheCap() {
    assertThat(backoff.delay(1, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(2, 0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(5, 0)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.delay(6, 0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(1_000_000, 0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterShortensTheDelayByAtMostItsShare() {
    assertThat(backoff.delay(6, 0.999)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
