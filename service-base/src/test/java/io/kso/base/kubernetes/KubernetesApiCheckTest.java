package io.kso.base.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@EnableKubernetesMockClient(crud = true)
class KubernetesApiCheckTest {
  KubernetesClient client;

  @Test
  void aReachableApiServerIsUp() {
    Health health = new KubernetesApiCheck(client, Duration.ofSeconds(10)).check();

    assertThat(health.getStatus()).as(health.getDetails().toString()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsKey("apiServer");
  }

  @Test
  void anUnreachableApiServerTakesReadinessDown() throws IOException {
    int closedPort;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = server.getLocalPort();
    }
    Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort).build();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
      Health health = new KubernetesApiCheck(unreachable, Duration.ofSeconds(2)).check();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("error"))
          .containsAnyOf("unreachable", "no answer");
    }
  }
}
