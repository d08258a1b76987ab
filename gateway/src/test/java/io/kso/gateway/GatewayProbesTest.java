package io.kso.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.testing.RunningGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
