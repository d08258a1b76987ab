package io.kso.gateway.adapter.metrics;

import io.kso.gateway.relay.CloseReason;
import io.kso.gateway.relay.Relay;
import io.kso.gateway.relay.Source;
import io.kso.gateway.relay.Upstreams;
import io.kso.gateway.relay.port.RelayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's metrics in Micrometer, scraped as Prometheus text on the probe port: {@code
 * gateway_notifications_received_total{source}}, {@code gateway_notifications_rejected_total},
 * {@code gateway_notifications_delivered_total}, {@code
 * gateway_notifications_dropped_total{reason}}, {@code gateway_disconnects_total{role,reason}},
 * {@code gateway_delivery_seconds} and the gauges {@code gateway_connections{role}} and {@code
 * gateway_upstream_connected}.
 */
public final class MicrometerRelayMetrics implements RelayMetrics {
  private final Map<Source, Counter> received = new EnumMap<>(Source.class);
  private final Map<Source, Counter> rejected = new EnumMap<>(Source.class);
  private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);
  private final Map<Role, Map<CloseReason, Counter>> disconnects = new EnumMap<>(Role.class);
  private final Counter delivered;
  private final Timer latency;

  public MicrometerRelayMetrics(MeterRegistry registry) {
    for (Source source : Source.values()) {
      received.put(
          source, counter(registry, "gateway.notifications.received", "source", source.tag()));
      rejected.put(
          source, counter(registry, "gateway.notifications.rejected", "source", source.tag()));
    }
    for (Drop drop : Drop.values()) {
      dropped.put(drop, counter(registry, "gateway.notifications.dropped", "reason", tag(drop)));
    }
    for (Role role : Role.values()) {
      Map<CloseReason, Counter> byReason = new EnumMap<>(CloseReason.class);
      for (CloseReason reason : CloseReason.values()) {
        byReason.put(
            reason,
            Counter.builder("gateway.disconnects")
                .description("Connections ended, by role and reason")
                .tag("role", tag(role))
                .tag("reason", reason.tag())
                .register(registry));
      }
      disconnects.put(role, byReason);
    }
    delivered =
        Counter.builder("gateway.notifications.delivered")
            .description("Notifications written to a receiver's socket")
            .register(registry);
    latency =
        Timer.builder("gateway.delivery")
            .description(
                "From a notification's arrival to its write to one receiver (sampled writes)")
            .publishPercentileHistogram()
            .register(registry);
  }

  /** Connection gauges over the routing table and the upstream links. */
  public static void gauges(MeterRegistry registry, Relay relay, Upstreams upstreams) {
    Gauge.builder("gateway.connections", relay, Relay::size)
        .description("Open connections, by role")
        .tag("role", "leaf")
        .register(registry);
    Gauge.builder("gateway.connections", upstreams, Upstreams::connectedCount)
        .tag("role", "upstream")
        .register(registry);
    Gauge.builder("gateway.upstream.connected", upstreams, u -> u.allConnected() ? 1 : 0)
        .description("1 when this in-cluster gateway has its links to the master up, else 0")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String key, String value) {
    return Counter.builder(name).tag(key, value).register(registry);
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void received(Source source) {
    received.get(source).increment();
  }

  @Override
  public void rejected(Source source) {
    rejected.get(source).increment();
  }

  @Override
  public void delivered(int count) {
    delivered.increment(count);
  }

  @Override
  public void deliveryLatency(long receivedNanos) {
    latency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void dropped(Drop reason) {
    dropped.get(reason).increment();
  }

  @Override
  public void disconnected(Role role, CloseReason reason) {
    disconnects.get(role).get(reason).increment();
  }
}
