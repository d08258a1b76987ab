package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.relay.Relay;
import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.RawSocketLeaf;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that stops reading can make the gateway buffer only so much for it: past its outbound
 * budget it is disconnected and counted, and the others get everything meanwhile.
 */
class SlowConsumerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PAYLOAD = "x".repeat(32 * 1024);

  @TempDir static Path dir;
  static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway =
        RunningGateway.start(
            dir,
            "{}",
            "ks.gateway.outbound.max-messages=64",
            "ks.gateway.outbound.max-bytes=1MB",
            "ks.gateway.outbound.close-grace=200ms",
            "ks.gateway.max-message-size=64KB",
            "ks.gateway.delivery-timeout=500ms");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void noLeafLeft() {
    gateway.awaitLeaves(0);
  }

  private static RawSocketLeaf stalledLeaf() {
    RawSocketLeaf leaf =
        RawSocketLeaf.open(
            gateway.websocketPort(), "/v1/waitfornotification?customerGUID=A", Map.of(), 4096);
    assertThat(leaf.status()).isEqualTo(101);
    return leaf;
  }

  @Test
  void aReceiverThatDoesNotReadIsDisconnectedWhileTheOthersGetEverything() {
    double dropped =
        gateway.metric("gateway_notifications_dropped_total{reason=\"slow_consumer\"}");
    try (RawSocketLeaf stalled = stalledLeaf();
        TestLeaf healthy = TestLeaf.connect(gateway.websocketUrl("customerGUID=A"))) {
      gateway.awaitLeaves(2);

      Relay relay = gateway.context().getBean(Relay.class);
      int sent = 0;
      while (relay.size() == 2 && sent < 2000) {
        gateway.post(Envelopes.to(Map.of("customerGUID", "A"), PAYLOAD + sent));
        sent++;
        // The healthy leaf keeps up by construction: only the stalled one builds a backlog.
        int expected = sent;
        await()
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(2))
            .atMost(WAIT)
            .until(() -> healthy.received().size() == expected);
      }
      int total = sent;

      gateway.awaitLeaves(1);
      await().atMost(WAIT).until(() -> healthy.received().size() == total);
      assertThat(total).isLessThan(2000);
      assertThat(gateway.metric("gateway_notifications_dropped_total{reason=\"slow_consumer\"}"))
          .isGreaterThan(dropped);
      assertThat(
              gateway.metric("gateway_disconnects_total{reason=\"slow_consumer\",role=\"leaf\"}"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aSynchronousNotificationReportsTheReceiverItCouldNotWriteTo() {
    try (RawSocketLeaf stalled = stalledLeaf()) {
      gateway.awaitLeaves(1);

      HttpResponse<String> response = null;
      for (int i = 0; i < 200 && (response == null || response.statusCode() == 200); i++) {
        response = gateway.post(Envelopes.synchronous(Map.of("customerGUID", "A"), PAYLOAD));
      }

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.body())
          .contains("\"reason\":\"DELIVERY_FAILED\"")
          .contains("\"failures\":[\"connection ")
          .contains("customerGUID=A");
    }
  }
}
