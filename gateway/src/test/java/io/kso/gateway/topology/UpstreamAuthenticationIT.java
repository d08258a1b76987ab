package io.kso.gateway.topology;

import static io.kso.gateway.testing.Fixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.Fixtures;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An in-cluster gateway presents its credentials to a master that requires them. */
class UpstreamAuthenticationIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private RunningGateway master;

  @BeforeEach
  void startMaster() {
    master =
        RunningGateway.start(dir, "{}", "ks.gateway.client-id=edge-1", "ks.gateway.secret-key=k3y");
  }

  @AfterEach
  void stopMaster() {
    master.close();
  }

  private RunningGateway inCluster(String clientId, String secretKey) {
    return RunningGateway.start(
        dir,
        Fixtures.inClusterConfig(master.websocketUrl("").replace("?", "")),
        "ks.gateway.client-id=" + clientId,
        "ks.gateway.secret-key=" + secretKey,
        "ks.gateway.reconnect.initial=100ms",
        "ks.gateway.reconnect.max=400ms");
  }

  @Test
  void theRightCredentialsAreAccepted() {
    try (RunningGateway inCluster = inCluster("edge-1", "k3y");
        TestLeaf operator = TestLeaf.connect(inCluster.websocketUrl("customerGUID=" + CUSTOMER))) {
      master.awaitLeaves(1);

      master.post(Envelopes.to(Map.of("customerGUID", CUSTOMER)));

      await().atMost(WAIT).until(() -> operator.received().size() == 1);
    }
  }

  @Test
  void aWrongSecretIsRefusedAndTheRefusalShowsInReadiness() {
    try (RunningGateway inCluster = inCluster("edge-1", "wrong");
        TestLeaf operator = TestLeaf.connect(inCluster.websocketUrl("customerGUID=" + CUSTOMER))) {
      await()
          .atMost(WAIT)
          .until(() -> inCluster.probe("/v1/readiness").body().contains("401 Unauthorized"));

      assertThat(master.context().getBean(io.kso.gateway.relay.Relay.class).size()).isZero();
      assertThat(inCluster.metric("gateway_upstream_connected")).isZero();
      assertThat(inCluster.probe("/v1/readiness").body()).doesNotContain("wrong");
      assertThat(operator.isClosed()).as("local leaves are not authenticated").isFalse();
    }
  }
}
