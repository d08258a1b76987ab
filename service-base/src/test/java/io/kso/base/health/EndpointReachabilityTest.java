package io.kso.base.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class EndpointReachabilityTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @Test
  void anUnconfiguredBackendIsFine() {
    Health health = new EndpointReachability("eventReceiverRestURL", "", TIMEOUT).check();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("eventReceiverRestURL", "not configured");
  }

  @Test
  void aListeningBackendIsUp() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/k8s";

      assertThat(new EndpointReachability("eventReceiverRestURL", url, TIMEOUT).check().getStatus())
          .isEqualTo(Status.UP);
    }
  }

  @Test
  void anUnreachableBackendIsReportedWithoutFailingReadiness() throws IOException {
    int closedPort;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = server.getLocalPort();
    }

    Health health =
        new EndpointReachability("eventReceiverRestURL", "127.0.0.1:" + closedPort, TIMEOUT)
            .check();

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat((String) health.getDetails().get("error")).startsWith("unreachable");
  }

  @Test
  void defaultPortsFollowTheScheme() {
    assertThat(EndpointReachability.address("https://127.0.0.1/api"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 443));
    assertThat(EndpointReachability.address("wss://127.0.0.1"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 443));
    assertThat(EndpointReachability.address("http://127.0.0.1"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 80));
    assertThat(EndpointReachability.address("127.0.0.1:8001"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8001));
  }
}
