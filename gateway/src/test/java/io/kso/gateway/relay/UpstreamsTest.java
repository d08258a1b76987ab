package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.relay.port.RelayMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamsTest {
  private final FakeDialer dialer = new FakeDialer();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final UpstreamLink.Context context =
      new UpstreamLink.Context(
          dialer,
          new Relay(RelayMetrics.NONE, Duration.ofSeconds(1)),
          new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0),
          scheduler,
          RelayMetrics.NONE,
          status -> {},
          () -> 0.0,
          Clock.systemUTC());

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Upstreams inCluster() {
    return new Upstreams(GatewayMode.of("ws://master/v1/waitfornotification", ""), context);
  }

  @Test
  void opensOneLinkPerCustomer() {
    Upstreams upstreams = inCluster();

    upstreams.leafJoined(
        Attributes.of(Map.of("customerGUID", "A", "clusterComponent", "InClusterTriggerHandler")));
    upstreams.leafJoined(Attributes.of(Map.of("customerGUID", "A", "clusterComponent", "Logger")));
    upstreams.leafJoined(Attributes.of(Map.of("customerGUID", "B")));

    assertThat(dialer.dials)
        .extracting(d -> d.attributes)
        .containsExactlyInAnyOrder(
            Attributes.of(Map.of("customerGUID", "A")), Attributes.of(Map.of("customerGUID", "B")));
  }

  @Test
  void aLeafWithoutCustomerRegistersUpstreamWithAllItsAttributes() {
    Upstreams upstreams = inCluster();

    upstreams.leafJoined(Attributes.of(Map.of("clusterName", "c1")));

    assertThat(dialer.last().attributes).isEqualTo(Attributes.of(Map.of("clusterName", "c1")));
  }

  @Test
  void reportsConnectedOnlyWhenEveryLinkIs() {
    Upstreams upstreams = inCluster();
    assertThat(upstreams.allConnected()).isFalse();

    upstreams.leafJoined(Attributes.of(Map.of("customerGUID", "A")));
    upstreams.leafJoined(Attributes.of(Map.of("customerGUID", "B")));
    dialer.dials.get(0).events.connected();
    assertThat(upstreams.allConnected()).isFalse();
    assertThat(upstreams.connectedCount()).isEqualTo(1);

    dialer.dials.get(1).events.connected();
    assertThat(upstreams.allConnected()).isTrue();
  }

  @Test
  void aMasterNeverDials() {
    Upstreams master = new Upstreams(GatewayMode.of("", ""), context);

    master.leafJoined(Attributes.of(Map.of("customerGUID", "A")));

    assertThat(dialer.dials).isEmpty();
    assertThat(master.statuses()).isEmpty();
  }
}
