package io.kso.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service jar starts with a clusterData file and no reachable cluster or backend: it stays
 * alive, answers liveness, and says in readiness what it is missing.
 */
class ServicesWithoutClusterIT {
  @TempDir static Path work;

  /** Services that need the Kubernetes API are not ready without it; the others are. */
  private static final Map<String, Boolean> READY_WITHOUT_CLUSTER =
      Map.of(
          "gateway",
          true,
          "operator",
          false,
          "kubevuln",
          true,
          "kubescape-svc",
          false,
          "kollector",
          false);

  static Stream<ServiceSpec> services() throws Exception {
    Path kubeconfig =
        Files.writeString(
            work.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: c, context: {cluster: gone, user: u}}]
            current-context: c
            """
                .formatted(SuiteLayout.freePort()));
    return new SuiteLayout(TestProject.dir(), work).services(kubeconfig).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void startsAndAnswersLivenessWithoutACluster(ServiceSpec spec) {
    try (ServiceProcess service =
        ServiceProcess.start(
            spec, JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "256m"), work.resolve("logs"))) {
      assertThat(service.awaitLive(Duration.ofSeconds(120)))
          .as("liveness of %s, log %s", spec.name(), service.log())
          .isPresent();

      String readiness = service.probe(spec.readiness());
      if (READY_WITHOUT_CLUSTER.get(spec.name())) {
        assertThat(readiness).startsWith("200");
      } else {
        assertThat(readiness).startsWith("503").contains("\"kubernetesApi\"").contains("DOWN");
      }
      assertThat(service.isAlive()).isTrue();
    }
  }
}
