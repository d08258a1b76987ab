package io.kso.base.health;

import io.kso.common.concurrent.Daemons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reuses a dependency check for a while, so that frequent probes do not turn into a stream of
 * network calls.
 */
public final class CachedHealth implements HealthIndicator {
  private final Supplier<Health> check;
  private final Duration ttl;
  private final Clock clock;
  private Health last;
  private Instant expires = Instant.MIN;

  public CachedHealth(Supplier<Health> check, Duration ttl) {
    this(check, ttl, Clock.systemUTC());
  }

  CachedHealth(Supplier<Health> check, Duration ttl, Clock clock) {
    this.check = check;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Runs the first check now, on a thread of its own, so that the first readiness probe finds its
   * answer instead of waiting for a round trip (and the classes the call loads) at the end of the
   * start. A probe that comes while it runs waits for it, and gets its answer.
   */
  public CachedHealth checkInBackground(String threadName) {
    Daemons.start(threadName, this::health);
    return this;
  }

  @Override
  public synchronized Health health() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(expires)) {
      last = check.get();
      expires = now.plus(ttl);
    }
    return last;
  }
}
