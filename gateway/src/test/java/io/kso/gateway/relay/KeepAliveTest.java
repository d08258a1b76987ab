package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
  private static final long SECOND = 1_000_000_000L;
  private final KeepAlive keepAlive = new KeepAlive(Duration.ofSeconds(10), 3);

  @Test
  void pingsAPeerHeardFromWithinTheAllowedSilence() {
    assertThat(keepAlive.check(0, 5 * SECOND)).isEqualTo(KeepAlive.Verdict.PING);
    assertThat(keepAlive.check(0, 30 * SECOND)).isEqualTo(KeepAlive.Verdict.PING);
  }

  @Test
  void givesUpOnAPeerSilentForMoreThanTheMissedIntervals() {
    assertThat(keepAlive.check(0, 30 * SECOND + 1)).isEqualTo(KeepAlive.Verdict.DEAD);
  }

  @Test
  void copesWithNanoTimeWrappingAround() {
    long last = Long.MAX_VALUE - SECOND;
    assertThat(keepAlive.check(last, last + 2 * SECOND)).isEqualTo(KeepAlive.Verdict.PING);
  }
}
