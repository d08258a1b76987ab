package io.kso.base.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;

class CachedHealthTest {

  @Test
  void reusesAResultUntilItExpires() {
    AtomicInteger calls = new AtomicInteger();
    MutableClock clock = new MutableClock();
    CachedHealth health =
        new CachedHealth(
            () -> Health.up().withDetail("call", calls.incrementAndGet()).build(),
            Duration.ofSeconds(5),
            clock);

    health.health();
    clock.advance(Duration.ofSeconds(4));
    health.health();
    assertThat(calls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(health.health().getDetails()).containsEntry("call", 2);
  }

  @Test
  void aBackgroundCheckAnswersTheFirstProbeAndAProbeDuringItWaitsForIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CachedHealth health =
        new CachedHealth(
            () -> {
              started.countDown();
              awaitQuietly(release);
              return Health.up().withDetail("call", calls.incrementAndGet()).build();
            },
            Duration.ofMinutes(1),
            new MutableClock());

    health.checkInBackground("test-check");
    assertThat(started.await(10, TimeUnit.SECONDS)).as("the check runs without a probe").isTrue();
    CompletableFuture<Health> probe = CompletableFuture.supplyAsync(health::health);
    release.countDown();

    assertThat(probe.get(10, TimeUnit.SECONDS).getDetails()).containsEntry("call", 1);
    assertThat(calls).hasValue(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
