package io.kso.gateway.adapter.health;

import io.kso.gateway.relay.GatewayMode;
import io.kso.gateway.relay.UpstreamLink;
import io.kso.gateway.relay.Upstreams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The link to the master, in readiness. A lost master is reported (status UNKNOWN, with the state,
 * the failures and the last error) but does not take the gateway out of traffic: it still delivers
 * what in-cluster components send each other, and the operator must be able to reach it to be there
 * when the master comes back.
 */
public final class UpstreamHealthIndicator implements HealthIndicator {
  private final Upstreams upstreams;

  public UpstreamHealthIndicator(Upstreams upstreams) {
    this.upstreams = upstreams;
  }

  @Override
  public Health health() {
    GatewayMode mode = upstreams.mode();
    if (mode.role() == GatewayMode.Role.MASTER) {
      return Health.up().withDetail("state", "none (master)").build();
    }
    List<UpstreamLink.Status> links = upstreams.statuses();
    Health.Builder health =
        links.isEmpty() || upstreams.allConnected() ? Health.up() : Health.status(Status.UNKNOWN);
    return health
        .withDetail("parentUrl", mode.parentUrl())
        .withDetail("state", summary(links))
        .withDetail("links", links.stream().map(UpstreamHealthIndicator::describe).toList())
        .build();
  }

  private String summary(List<UpstreamLink.Status> links) {
    if (links.isEmpty()) {
      return "idle (no leaf registered yet)";
    }
    return upstreams.allConnected() ? "connected" : "disconnected";
  }

  private static Map<String, Object> describe(UpstreamLink.Status status) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("attributes", status.attributes().values());
    link.put("state", status.state().name().toLowerCase(Locale.ROOT));
    link.put("since", status.since().toString());
    link.put("failures", status.failures());
    link.put("lastError", status.lastError());
    return link;
  }
}
