package io.kso.gateway.relay;

import java.time.Duration;

/**
 * Capped exponential backoff with jitter: attempt {@code n} (1-based) waits {@code initial *
 * 2^(n-1)}, at most {@code max}, shortened by a random share of up to {@code jitter}, so that many
 * gateways losing the same master do not all come back at the same instant.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, was " + initial + " and " + max);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("backoff jitter must be within [0, 1], was " + jitter);
    }
  }

  /**
   * @param attempt 1 for the first retry
   * @param random a value in [0, 1)
   */
  public Duration delay(int attempt, double random) {
    long cap = max.toNanos();
    long base = initial.toNanos();
    for (int i = 1; i < attempt && base < cap; i++) {
      base = base > cap / 2 ? cap : base * 2;
    }
    return Duration.ofNanos(Math.round(base * (1 - jitter * random)));
  }
}
