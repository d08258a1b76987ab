package io.kso.gateway.topology;

import static io.kso.gateway.testing.Fixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.Fixtures;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master gateway, an in-cluster gateway whose parent it is, and an operator-like leaf on the
 * in-cluster one, as three separate gateways on 127.0.0.1: what the dashboard posts to the master
 * reaches the operator byte for byte, and the in-cluster gateway outlives its master.
 */
class MasterToOperatorRelayIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String OPERATOR_QUERY =
      "customerGUID=" + CUSTOMER + "&clusterName=minikube&clusterComponent=InClusterTriggerHandler";
  private static final String[] FAST_RECOVERY = {
    "ks.gateway.reconnect.initial=100ms",
    "ks.gateway.reconnect.max=400ms",
    "ks.gateway.keep-alive.ping-interval=300ms"
  };

  @TempDir Path dir;

  private RunningGateway master(int websocketPort) {
    return RunningGateway.start(dir, "{}", "ks.gateway.websocket-port=" + websocketPort);
  }

  private RunningGateway inCluster(int masterPort, String... more) {
    String parent = "ws://127.0.0.1:" + masterPort + "/v1/waitfornotification";
    String[] properties = new String[FAST_RECOVERY.length + more.length];
    System.arraycopy(FAST_RECOVERY, 0, properties, 0, FAST_RECOVERY.length);
    System.arraycopy(more, 0, properties, FAST_RECOVERY.length, more.length);
    return RunningGateway.start(dir, Fixtures.inClusterConfig(parent), properties);
  }

  @Test
  void theDashboardsNotificationReachesTheOperatorUnchanged() {
    int masterPort = Fixtures.freePort();
    try (RunningGateway master = master(masterPort);
        RunningGateway inCluster = inCluster(masterPort);
        TestLeaf operator = TestLeaf.connect(inCluster.websocketUrl(OPERATOR_QUERY))) {
      master.awaitLeaves(1);
      byte[] envelope = Fixtures.sample("notification-envelope");

      HttpResponse<String> response = master.post("/v1/sendnotification", envelope);

      assertThat(response.statusCode()).isEqualTo(200);
      await().atMost(WAIT).until(() -> operator.received().size() == 1);
      assertThat(operator.received().get(0).bytes()).isEqualTo(envelope);
      assertThat(operator.received().get(0).binary()).isTrue();
      assertThat(inCluster.metric("gateway_notifications_received_total{source=\"upstream\"}"))
          .isEqualTo(1);
      assertThat(inCluster.metric("gateway_upstream_connected")).isEqualTo(1);
      assertThat(inCluster.probe("/v1/readiness").body()).contains("\"state\":\"connected\"");
    }
  }

  @Test
  void theInClusterGatewayRegistersOneLinkPerCustomer() {
    int masterPort = Fixtures.freePort();
    try (RunningGateway master = master(masterPort);
        RunningGateway inCluster = inCluster(masterPort);
        TestLeaf operator = TestLeaf.connect(inCluster.websocketUrl(OPERATOR_QUERY));
        TestLeaf logger =
            TestLeaf.connect(
                inCluster.websocketUrl("customerGUID=" + CUSTOMER + "&clusterComponent=Logger"));
        TestLeaf otherCustomer =
            TestLeaf.connect(inCluster.websocketUrl("customerGUID=other&clusterComponent=x"))) {
      master.awaitLeaves(2);

      master.post(Envelopes.to(Map.of("customerGUID", "other"), "for the other customer"));

      await().atMost(WAIT).until(() -> otherCustomer.received().size() == 1);
      // The master knows the in-cluster gateway by customer only; the rest is matched below it.
      master.post(
          Envelopes.to(Map.of("customerGUID", CUSTOMER, "clusterComponent", "Logger"), "marker"));
      await().atMost(WAIT).until(() -> logger.received().size() == 1);
      assertThat(operator.received()).isEmpty();
      assertThat(inCluster.metric("gateway_connections{role=\"upstream\"}")).isEqualTo(2);
    }
  }

  @Test
  void theInClusterGatewayKeepsItsLeavesWhileTheMasterIsGoneAndReconnects() {
    int masterPort = Fixtures.freePort();
    RunningGateway master = master(masterPort);
    try (RunningGateway inCluster = inCluster(masterPort);
        TestLeaf operator = TestLeaf.connect(inCluster.websocketUrl(OPERATOR_QUERY))) {
      master.awaitLeaves(1);

      master.close();

      await()
          .atMost(WAIT)
          .until(() -> inCluster.probe("/v1/readiness").body().contains("\"disconnected\""));
      HttpResponse<String> readiness = inCluster.probe("/v1/readiness");
      assertThat(readiness.statusCode()).as("still ready without a master").isEqualTo(200);
      assertThat(readiness.body()).contains("\"lastError\"").contains("\"failures\"");
      assertThat(inCluster.metric("gateway_upstream_connected")).isZero();
      assertThat(operator.isClosed()).isFalse();
      inCluster.post(Envelopes.to(Map.of("customerGUID", CUSTOMER), "local while alone"));
      await().atMost(WAIT).until(() -> operator.received().size() == 1);

      try (RunningGateway revived = master(masterPort)) {
        revived.awaitLeaves(1);
        await().atMost(WAIT).until(() -> inCluster.metric("gateway_upstream_connected") == 1);

        revived.post("/v1/sendnotification", Fixtures.sample("notification-envelope"));

        await().atMost(WAIT).until(() -> operator.received().size() == 2);
        assertThat(operator.received().get(1).bytes())
            .isEqualTo(Fixtures.sample("notification-envelope"));
        assertThat(operator.isClosed()).isFalse();
      }
    } finally {
      master.close();
    }
  }
}
