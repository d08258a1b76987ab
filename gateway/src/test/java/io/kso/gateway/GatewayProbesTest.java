package io.kso.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes and metrics on the probe port. */
class GatewayProbesTest {
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

  @Test
  void aMasterIsReadyAndSaysItHasNoUpstream() {
    HttpResponse<String> readiness = gateway.probe("/v1/readiness");

    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"upstream\"").contains("none (master)");
    assertThat(gateway.probe("/v1/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void countsEveryDeliveryAndSamplesItsLatency() {
    double delivered = gateway.metric("gateway_notifications_delivered_total");
    double sampled = gateway.metric("gateway_delivery_seconds_count");
    try (TestLeaf leaf = TestLeaf.connect(gateway.websocketUrl("customerGUID=probe"))) {
      gateway.awaitLeaves(1);

      for (int i = 0; i < 3; i++) {
        gateway.post(Envelopes.to(Map.of("customerGUID", "probe"), "n" + i));
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> leaf.received().size() == 3);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> gateway.metric("gateway_notifications_delivered_total") == delivered + 3);
      // The first write of a connection is always sampled; later ones one in 64.
      assertThat(gateway.metric("gateway_delivery_seconds_count")).isGreaterThan(sampled);
    }
    gateway.awaitLeaves(0);
  }

  @Test
  void exposesTheGatewayMetrics() {
    String metrics = gateway.metrics();

    assertThat(metrics)
        .contains("gateway_connections{role=\"leaf\"}")
        .contains("gateway_connections{role=\"upstream\"}")
        .contains("gateway_upstream_connected")
        .contains("gateway_notifications_received_total{source=\"rest\"}")
        .contains("gateway_notifications_received_total{source=\"leaf\"}")
        .contains("gateway_notifications_received_total{source=\"upstream\"}")
        .contains("gateway_notifications_delivered_total")
        .contains("gateway_notifications_dropped_total{reason=\"slow_consumer\"}")
        .contains("gateway_delivery_seconds_bucket");
  }
}
