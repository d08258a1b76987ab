package io.kso.gateway.relay;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-cluster gateway's links to its master: one per distinct {@link Attributes#upstreamKey()}
 * of the leaves that have registered (in practice one per customer). A link is opened when the
 * first leaf needing it registers and then lives as long as the gateway. A master has none.
 */
public final class Upstreams {
  private final GatewayMode mode;
  private final UpstreamLink.Context context;
  private final ConcurrentMap<Attributes, UpstreamLink> links = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  public Upstreams(GatewayMode mode, UpstreamLink.Context context) {
    this.mode = mode;
    this.context = context;
  }

  public GatewayMode mode() {
    return mode;
  }

  /** Opens the link this leaf needs, unless it is open already (or this is the master). */
  public void leafJoined(Attributes leaf) {
    if (mode.role() != GatewayMode.Role.IN_CLUSTER || stopped) {
      return;
    }
    Attributes key = leaf.upstreamKey();
    UpstreamLink link = links.get(key);
    if (link == null) {
      UpstreamLink created = new UpstreamLink(key, context);
      link = links.putIfAbsent(key, created);
      if (link == null) {
        created.start();
      }
    }
  }

  public List<UpstreamLink.Status> statuses() {
    return links.values().stream()
        .map(UpstreamLink::status)
        .sorted(Comparator.comparing(s -> s.attributes().toString()))
        .toList();
  }

  public int connectedCount() {
    return (int) links.values().stream().filter(UpstreamLink::connected).count();
  }

  /** At least one link, and every one of them connected. */
  public boolean allConnected() {
    return !links.isEmpty() && connectedCount() == links.size();
  }

  public void stop() {
    stopped = true;
    links.values().forEach(UpstreamLink::stop);
  }
}
