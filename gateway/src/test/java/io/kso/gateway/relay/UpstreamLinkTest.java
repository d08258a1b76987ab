package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamLinkTest {
  private static final Attributes CUSTOMER = Attributes.of(Map.of("customerGUID", "A"));

  private final FakeDialer dialer = new FakeDialer();
  private final CountingMetrics metrics = new CountingMetrics();
  private final Relay relay = new Relay(metrics, Duration.ofSeconds(1));
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<UpstreamLink.Status> changes = new CopyOnWriteArrayList<>();
  private final UpstreamLink.Context context =
      new UpstreamLink.Context(
          dialer,
          relay,
          new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 0),
          scheduler,
          metrics,
          changes::add,
          () -> 0.0,
          Clock.systemUTC());
  private final UpstreamLink link = new UpstreamLink(CUSTOMER, context);

  @AfterEach
  void stop() {
    link.stop();
    scheduler.shutdownNow();
  }

  @Test
  void dialsWithItsAttributesAndReportsTheLinkUp() {
    link.start();
    dialer.last().events.connected();

    assertThat(dialer.dials)
        .singleElement()
        .satisfies(d -> assertThat(d.attributes).isEqualTo(CUSTOMER));
    assertThat(link.status().state()).isEqualTo(UpstreamLink.State.CONNECTED);
    assertThat(changes)
        .extracting(UpstreamLink.Status::state)
        .containsExactly(UpstreamLink.State.CONNECTING, UpstreamLink.State.CONNECTED);
  }

  @Test
  void neverGivesUpRedialingAFailingMaster() {
    link.start();
    for (int attempt = 1; attempt <= 8; attempt++) {
      int dials = attempt;
      await().atMost(Duration.ofSeconds(5)).until(() -> dialer.dials.size() == dials);
      dialer.last().events.disconnected(CloseReason.PEER_CLOSED, "connection refused " + attempt);
    }

    UpstreamLink.Status status = link.status();
    assertThat(status.failures()).isEqualTo(8);
    assertThat(status.lastError()).isEqualTo("connection refused 8");
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.dials.size() == 9);
  }

  @Test
  void aSuccessfulDialClearsTheFailures() {
    link.start();
    dialer.last().events.disconnected(CloseReason.PEER_CLOSED, "refused");
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.dials.size() == 2);

    dialer.last().events.connected();

    assertThat(link.status())
        .extracting(UpstreamLink.Status::failures, UpstreamLink.Status::lastError)
        .containsExactly(0, "");
  }

  @Test
  void aLostLinkIsCountedAndRedialed() {
    link.start();
    dialer.last().events.connected();

    dialer.last().events.disconnected(CloseReason.KEEPALIVE_TIMEOUT, "no pong");

    assertThat(metrics.events).contains("disconnected:UPSTREAM:KEEPALIVE_TIMEOUT");
    assertThat(changes)
        .extracting(UpstreamLink.Status::state)
        .containsSubsequence(UpstreamLink.State.CONNECTED, UpstreamLink.State.DISCONNECTED);
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.dials.size() == 2);
  }

  @Test
  void routesWhatTheMasterSendsToTheLocalLeaves() {
    FakeReceiver operator =
        new FakeReceiver(
            Map.of("customerGUID", "A", "clusterComponent", "InClusterTriggerHandler"));
    relay.register(operator);
    link.start();
    dialer.last().events.connected();

    byte[] message = "{\"target\":{\"customerGUID\":\"A\"}}".getBytes(StandardCharsets.UTF_8);
    dialer.last().events.received(message);

    assertThat(operator.received())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.body()).isEqualTo(message);
              assertThat(n.source()).isEqualTo(Source.UPSTREAM);
            });
  }

  @Test
  void closesTheLinkOnAMessageThatCannotBeRouted() {
    link.start();
    dialer.last().events.connected();

    dialer.last().events.received("{\"no\":\"target\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(dialer.dials.get(0).closedWith).isEqualTo(CloseReason.BAD_MESSAGE);
    assertThat(metrics.events).contains("rejected:UPSTREAM", "disconnected:UPSTREAM:BAD_MESSAGE");
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.dials.size() == 2);
  }

  @Test
  void stoppingClosesTheLinkAndDialsNoMore() {
    link.start();
    dialer.last().events.connected();

    link.stop();

    assertThat(dialer.dials.get(0).closedWith).isEqualTo(CloseReason.SHUTDOWN);
    assertThat(link.status().state()).isEqualTo(UpstreamLink.State.STOPPED);
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(1))
        .until(() -> dialer.dials.size() == 1);
  }

  @Test
  void ignoresTheEventsOfASupersededDial() {
    link.start();
    FakeDialer.Dial first = dialer.last();
    first.events.disconnected(CloseReason.PEER_CLOSED, "refused");
    await().atMost(Duration.ofSeconds(5)).until(() -> dialer.dials.size() == 2);

    first.events.connected();

    assertThat(link.status().state()).isEqualTo(UpstreamLink.State.CONNECTING);
  }
}
