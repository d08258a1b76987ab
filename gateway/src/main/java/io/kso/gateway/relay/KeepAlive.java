package io.kso.gateway.relay;

import java.time.Duration;

/**
 * When to ping a peer and when to give up on it: a ping every {@code interval}, and a peer that has
 * sent nothing at all (no pong, no message) for {@code maxMissed} intervals is dead.
 */
public record KeepAlive(Duration interval, int maxMissed) {
  public enum Verdict {
    PING,
    DEAD
  }

  public KeepAlive {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("keep-alive interval must be positive, was " + interval);
    }
    if (maxMissed < 1) {
      throw new IllegalArgumentException("keep-alive max-missed must be at least 1");
    }
  }

  public Verdict check(long lastHeardNanos, long nowNanos) {
    long silence = nowNanos - lastHeardNanos;
    return silence > interval.toNanos() * maxMissed ? Verdict.DEAD : Verdict.PING;
  }
}
