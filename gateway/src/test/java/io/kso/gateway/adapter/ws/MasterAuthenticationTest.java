package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.testing.RawSocketLeaf;
import io.kso.gateway.testing.RunningGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master with credentials refuses, before the upgrade, registrations that lack them. */
class MasterAuthenticationTest {
  private static final String PATH = "/v1/waitfornotification?customerGUID=A";

  @TempDir static Path dir;
  static RunningGateway master;

  @BeforeAll
  static void start() {
    master =
        RunningGateway.start(dir, "{}", "ks.gateway.client-id=edge-1", "ks.gateway.secret-key=k3y");
  }

  @AfterAll
  static void stop() {
    master.close();
  }

  private static int handshake(Map<String, String> headers) {
    try (RawSocketLeaf leaf = RawSocketLeaf.open(master.websocketPort(), PATH, headers, 65536)) {
      return leaf.status();
    }
  }

  @Test
  void acceptsTheConfiguredCredentials() {
    assertThat(handshake(Map.of("X-Client-ID", "edge-1", "X-API-KEY", "k3y"))).isEqualTo(101);
  }

  @Test
  void refusesMissingCredentialsWith401() {
    assertThat(handshake(Map.of())).isEqualTo(401);
  }

  @Test
  void refusesAWrongSecretOrClientWith401() {
    assertThat(handshake(Map.of("X-Client-ID", "edge-1", "X-API-KEY", "guess"))).isEqualTo(401);
    assertThat(handshake(Map.of("X-Client-ID", "edge-2", "X-API-KEY", "k3y"))).isEqualTo(401);
  }

  @Test
  void neverLogsOrExposesTheSecret() {
    assertThat(master.probe("/v1/readiness").body()).doesNotContain("k3y");
    assertThat(master.metrics()).doesNotContain("k3y");
  }
}
