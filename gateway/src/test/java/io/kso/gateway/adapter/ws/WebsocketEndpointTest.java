package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.RawSocketLeaf;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration on the websocket endpoint, with real clients on 127.0.0.1. */
class WebsocketEndpointTest {
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
  void refusesARegistrationWithoutAttributesBeforeTheUpgrade() {
    try (RawSocketLeaf leaf =
        RawSocketLeaf.open(gateway.websocketPort(), "/v1/waitfornotification", Map.of(), 65536)) {
      assertThat(leaf.status()).isEqualTo(400);
    }
  }

  @Test
  void refusesAQueryWhoseKeysAreAllEmpty() {
    try (RawSocketLeaf leaf =
        RawSocketLeaf.open(
            gateway.websocketPort(), "/v1/waitfornotification?=x", Map.of(), 65536)) {
      assertThat(leaf.status()).isEqualTo(400);
    }
  }

  @Test
  void answers404OnOtherPaths() {
    try (RawSocketLeaf leaf =
        RawSocketLeaf.open(gateway.websocketPort(), "/v1/other?customerGUID=a", Map.of(), 65536)) {
      assertThat(leaf.status()).isEqualTo(404);
    }
  }

  @Test
  void answers405ToOtherMethods() {
    try (RawSocketLeaf leaf =
        RawSocketLeaf.open(
            gateway.websocketPort(),
            "POST",
            "/v1/waitfornotification?customerGUID=a",
            Map.of("Content-Length", "0"),
            65536)) {
      assertThat(leaf.status()).isEqualTo(405);
    }
  }

  @Test
  void upgradesARegistrationWithAttributesAndAcceptsPathSuffixes() {
    try (RawSocketLeaf plain =
            RawSocketLeaf.open(
                gateway.websocketPort(),
                "/v1/waitfornotification?customerGUID=a",
                Map.of(),
                65536);
        RawSocketLeaf suffixed =
            RawSocketLeaf.open(
                gateway.websocketPort(),
                "/v1/waitfornotification/extra/path?customerGUID=a",
                Map.of(),
                65536)) {
      assertThat(plain.status()).isEqualTo(101);
      assertThat(suffixed.status()).isEqualTo(101);
    }
  }

  @Test
  void aRegisteredLeafReceivesWhatMatchesItsAttributes() {
    try (TestLeaf leaf =
        TestLeaf.connect(
            gateway.websocketUrl("customerGUID=reg-1&clusterName=c1&clusterComponent=x"))) {
      awaitLeaves(1);

      gateway.post(Envelopes.to(Map.of("customerGUID", "reg-1")));

      await().atMost(Duration.ofSeconds(10)).until(() -> leaf.received().size() == 1);
    }
  }

  @Test
  void onlyTheFirstValueOfARepeatedKeyCounts() {
    try (TestLeaf leaf =
        TestLeaf.connect(gateway.websocketUrl("customerGUID=first&customerGUID=second"))) {
      awaitLeaves(1);

      gateway.post(Envelopes.to(Map.of("customerGUID", "second")));
      gateway.post(Envelopes.to(Map.of("customerGUID", "first"), "marker"));

      await().atMost(Duration.ofSeconds(10)).until(() -> leaf.received().size() == 1);
      assertThat(leaf.texts().get(0)).contains("marker");
    }
  }

  @AfterEach
  void noLeafLeft() {
    gateway.awaitLeaves(0);
  }

  private static void awaitLeaves(int count) {
    gateway.awaitLeaves(count);
  }
}
