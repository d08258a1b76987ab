package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class RelayTest {
  private final CountingMetrics metrics = new CountingMetrics();
  private final Relay relay = new Relay(metrics, Duration.ofMillis(200));

  private Notification notification(String json) {
    return relay.accept(json.getBytes(StandardCharsets.UTF_8), Source.REST);
  }

  @Test
  void offersANotificationToMatchingReceiversOnly() {
    FakeReceiver c1 = new FakeReceiver(Map.of("customerGUID", "A", "clusterName", "c1"));
    FakeReceiver c2 = new FakeReceiver(Map.of("customerGUID", "A", "clusterName", "c2"));
    FakeReceiver other = new FakeReceiver(Map.of("customerGUID", "B"));
    List.of(c1, c2, other).forEach(relay::register);

    int matched = relay.route(notification("{\"target\":{\"clusterName\":\"c1\"}}"));

    assertThat(matched).isEqualTo(1);
    assertThat(c1.received()).hasSize(1);
    assertThat(c2.received()).isEmpty();
    assertThat(other.received()).isEmpty();
  }

  @Test
  void aReceiverThatRefusesDoesNotStopTheOthers() {
    FakeReceiver slow = new FakeReceiver(Map.of("customerGUID", "A")).refusing();
    FakeReceiver fine = new FakeReceiver(Map.of("customerGUID", "A"));
    relay.register(slow);
    relay.register(fine);

    relay.route(notification("{\"target\":{\"customerGUID\":\"A\"}}"));

    assertThat(fine.received()).hasSize(1);
  }

  @Test
  void handsEachExecutorOneTaskForAllOfItsMatchingReceivers() {
    List<Runnable> loopA = new ArrayList<>();
    List<Runnable> loopB = new ArrayList<>();
    Executor a = loopA::add;
    Executor b = loopB::add;
    List<FakeReceiver> onA =
        List.of(
            new FakeReceiver(Map.of("customerGUID", "A")).on(a),
            new FakeReceiver(Map.of("customerGUID", "A")).on(a),
            new FakeReceiver(Map.of("customerGUID", "B")).on(a));
    FakeReceiver onB = new FakeReceiver(Map.of("customerGUID", "A")).on(b);
    onA.forEach(relay::register);
    relay.register(onB);

    int matched = relay.route(notification("{\"target\":{\"customerGUID\":\"A\"}}"));

    assertThat(matched).isEqualTo(3);
    assertThat(loopA).hasSize(1);
    assertThat(loopB).hasSize(1);
    assertThat(onA.get(0).received()).isEmpty(); // nothing until the executor runs its task
    loopA.forEach(Runnable::run);
    loopB.forEach(Runnable::run);
    assertThat(onA.get(0).received()).hasSize(1);
    assertThat(onA.get(1).received()).hasSize(1);
    assertThat(onA.get(2).received()).isEmpty();
    assertThat(onB.received()).hasSize(1);
  }

  @Test
  void offersToAnExecutorThatIsShuttingDownAreCountedAsDropped() {
    Executor stopped =
        task -> {
          throw new RejectedExecutionException("stopped");
        };
    relay.register(new FakeReceiver(Map.of("customerGUID", "A")).on(stopped));
    relay.register(new FakeReceiver(Map.of("customerGUID", "A")).on(stopped));

    relay.route(notification("{\"target\":{\"customerGUID\":\"A\"}}"));

    assertThat(metrics.events).containsExactly("received:REST", "dropped:CLOSED", "dropped:CLOSED");
  }

  @Test
  void anUnregisteredReceiverGetsNothing() {
    FakeReceiver leaf = new FakeReceiver(Map.of("customerGUID", "A"));
    relay.register(leaf);
    relay.unregister(leaf);

    assertThat(relay.route(notification("{\"target\":{\"customerGUID\":\"A\"}}"))).isZero();
    assertThat(relay.size()).isZero();
  }

  @Test
  void synchronousDeliveryListsEveryReceiverThatFailed() {
    FakeReceiver fine = new FakeReceiver(Map.of("customerGUID", "A"));
    FakeReceiver broken = new FakeReceiver(Map.of("customerGUID", "A")).failingWith("reset");
    FakeReceiver stuck = new FakeReceiver(Map.of("customerGUID", "A")).neverCompleting();
    List.of(fine, broken, stuck).forEach(relay::register);

    List<String> failures =
        relay.deliver(notification("{\"target\":{\"customerGUID\":\"A\"}}")).join();

    assertThat(fine.received()).hasSize(1);
    assertThat(failures)
        .hasSize(2)
        .anySatisfy(f -> assertThat(f).startsWith("connection " + broken.id()).endsWith("reset"))
        .anySatisfy(
            f -> assertThat(f).startsWith("connection " + stuck.id()).endsWith("write timed out"));
  }

  @Test
  void synchronousDeliveryWithNoFailureListsNone() {
    relay.register(new FakeReceiver(Map.of("customerGUID", "A")));

    assertThat(relay.deliver(notification("{\"target\":{\"customerGUID\":\"Z\"}}")).join())
        .isEmpty();
    assertThat(relay.deliver(notification("{\"target\":{\"customerGUID\":\"A\"}}")).join())
        .isEmpty();
  }

  @Test
  void countsWhatItAcceptsAndWhatItRejects() {
    notification("{\"target\":{\"customerGUID\":\"A\"}}");
    assertThatThrownBy(() -> relay.accept("{}".getBytes(StandardCharsets.UTF_8), Source.LEAF))
        .isInstanceOf(GatewayException.class);

    assertThat(metrics.events).containsExactly("received:REST", "rejected:LEAF");
  }
}
