package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.testing.RawSocketLeaf;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway pings its leaves and removes those that stop answering. */
class LeafKeepAliveTest {
  @TempDir static Path dir;
  static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway =
        RunningGateway.start(
            dir,
            "{}",
            "ks.gateway.keep-alive.ping-interval=200ms",
            "ks.gateway.keep-alive.max-missed=2",
            "ks.gateway.outbound.close-grace=200ms");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aLeafThatAnswersNoPingsIsRemovedAndOneThatDoesStays() {
    try (TestLeaf alive = TestLeaf.connect(gateway.websocketUrl("clusterComponent=alive"));
        RawSocketLeaf dead =
            RawSocketLeaf.open(
                gateway.websocketPort(),
                "/v1/waitfornotification?clusterComponent=dead",
                Map.of(),
                65536)) {
      gateway.awaitLeaves(2);

      assertThat(dead.drainUntilClosed()).isTrue();

      gateway.awaitLeaves(1);
      assertThat(
              gateway.metric(
                  "gateway_disconnects_total{reason=\"keepalive_timeout\",role=\"leaf\"}"))
          .isEqualTo(1);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> !alive.isClosed());
    }
  }
}
