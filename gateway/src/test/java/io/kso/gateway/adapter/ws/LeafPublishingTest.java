package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaves publish over their own websocket; what they send is routed like a REST notification. */
class LeafPublishingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(dir, "{}");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void noLeafLeft() {
    gateway.awaitLeaves(0);
  }

  @Test
  void aTextMessageFromALeafReachesTheMatchingLeavesUnchanged() {
    try (TestLeaf kollector = TestLeaf.connect(gateway.websocketUrl("clusterComponent=kollector"));
        TestLeaf operator =
            TestLeaf.connect(
                gateway.websocketUrl("customerGUID=A&clusterComponent=InClusterTriggerHandler"));
        TestLeaf other = TestLeaf.connect(gateway.websocketUrl("customerGUID=B"))) {
      gateway.awaitLeaves(3);
      String message =
          Envelopes.to(Map.of("clusterComponent", "InClusterTriggerHandler"), "new image");

      kollector.sendText(message);

      await().atMost(WAIT).until(() -> operator.received().size() == 1);
      assertThat(operator.received().get(0).bytes())
          .isEqualTo(message.getBytes(StandardCharsets.UTF_8));
      assertThat(operator.received().get(0).binary()).isTrue();
      gateway.post(Envelopes.to(Map.of("customerGUID", "B"), "marker"));
      await().atMost(WAIT).until(() -> other.received().size() == 1);
      assertThat(other.texts()).singleElement().asString().contains("marker");
      assertThat(kollector.received()).isEmpty();
    }
  }

  @Test
  void aBinaryMessageFromALeafIsRoutedToo() {
    try (TestLeaf publisher = TestLeaf.connect(gateway.websocketUrl("clusterComponent=kollector"));
        TestLeaf operator = TestLeaf.connect(gateway.websocketUrl("customerGUID=A"))) {
      gateway.awaitLeaves(2);
      byte[] message = Envelopes.to(Map.of("customerGUID", "A")).getBytes(StandardCharsets.UTF_8);

      publisher.sendBinary(message);

      await().atMost(WAIT).until(() -> operator.received().size() == 1);
      assertThat(operator.received().get(0).bytes()).isEqualTo(message);
      assertThat(gateway.metric("gateway_notifications_received_total{source=\"leaf\"}"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aLeafSendingSomethingUnroutableIsClosedForPolicyViolation() {
    try (TestLeaf publisher = TestLeaf.connect(gateway.websocketUrl("clusterComponent=bad"));
        TestLeaf bystander = TestLeaf.connect(gateway.websocketUrl("clusterComponent=good"))) {
      gateway.awaitLeaves(2);
      double rejected = gateway.metric("gateway_notifications_rejected_total{source=\"leaf\"}");

      publisher.sendText("{\"notification\": \"no target\"}");

      assertThat(publisher.closeCode(WAIT)).isEqualTo(1008);
      gateway.awaitLeaves(1);
      assertThat(bystander.isClosed()).isFalse();
      assertThat(gateway.metric("gateway_notifications_rejected_total{source=\"leaf\"}"))
          .isEqualTo(rejected + 1);
      assertThat(gateway.metric("gateway_disconnects_total{reason=\"bad_message\",role=\"leaf\"}"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aLeafSendingSomethingThatIsNotJsonIsClosedToo() {
    try (TestLeaf publisher = TestLeaf.connect(gateway.websocketUrl("clusterComponent=bad"))) {
      gateway.awaitLeaves(1);

      publisher.sendText("hello?");

      assertThat(publisher.closeCode(WAIT)).isEqualTo(1008);
    }
  }
}
