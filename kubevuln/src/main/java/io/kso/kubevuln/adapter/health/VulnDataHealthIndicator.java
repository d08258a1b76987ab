package io.kso.kubevuln.adapter.health;

import io.kso.kubevuln.service.VulnData;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The vulnerability data, in readiness: DOWN while there is none (nothing could be matched), UP
 * otherwise with its age; stale data stays UP but says so, and every result it produces is marked.
 */
public final class VulnDataHealthIndicator implements HealthIndicator {
  private final VulnData data;

  public VulnDataHealthIndicator(VulnData data) {
    this.data = data;
  }

  @Override
  public Health health() {
    return data.status()
        .map(
            s ->
                Health.up()
                    .withDetail("records", s.records())
                    .withDetail("builtAt", s.builtAt().toString())
                    .withDetail("age", s.age().toString())
                    .withDetail("maxAge", s.maxAge().toString())
                    .withDetail("stale", s.stale())
                    .build())
        .orElseGet(() -> Health.down().withDetail("problem", data.problem()).build());
  }
}
