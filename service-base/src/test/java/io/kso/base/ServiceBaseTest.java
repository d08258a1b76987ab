package io.kso.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.base.testapp.RunningService;
import io.kso.base.testapp.TestServiceApplication;
import io.kso.common.config.ClusterConfig;
import io.kso.common.config.ClusterConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ServiceBaseTest {
  @TempDir Path dir;

  @Test
  void servesLivenessAndReadinessWithTheEventReceiverReported() throws IOException {
    int closedPort = closedPort();
    String clusterData =
        "{\"clusterName\":\"c1\",\"accountID\":\"a1\",\"eventReceiverRestURL\":\"http://127.0.0.1:"
            + closedPort
            + "\"}";
    try (RunningService service = RunningService.start(dir, clusterData)) {
      ResponseEntity<String> liveness = get(service, "/health/liveness");
      ResponseEntity<String> readiness = get(service, "/health/readiness");

      assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(readiness.getBody())
          .contains("\"eventReceiver\"")
          .contains("UNKNOWN")
          .contains("unreachable");
      assertThat(service.context().getBean(ClusterConfig.class).clusterName()).isEqualTo("c1");
    }
  }

  @Test
  void exposesPrometheusMetrics() {
    try (RunningService service = RunningService.start(dir, "{}")) {
      ResponseEntity<String> metrics = get(service, "/metrics");

      assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(metrics.getBody())
          .contains("jvm_memory_used_bytes")
          .contains("process_uptime_seconds");
    }
  }

  @Test
  void servesProbesOnExactPathsWhenAskedTo() {
    try (RunningService service =
        RunningService.start(
            dir,
            "{}",
            "ks.base.probes.liveness-path=/v1/liveness",
            "ks.base.probes.readiness-path=/v1/readiness")) {
      assertThat(get(service, "/v1/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(get(service, "/v1/readiness").getBody()).contains("readinessState");
    }
  }

  @Test
  void refusesToStartWithoutARequiredConfigKey() {
    assertThatThrownBy(
            () ->
                RunningService.start(
                    dir,
                    "{\"clusterName\":\"c1\"}",
                    "ks.base.required-config-keys=clusterName,accountID"))
        .satisfies(
            e ->
                assertThat(causeOfType(e, ClusterConfigException.class))
                    .hasMessageContaining("[accountID]"));
  }

  @Test
  void refusesToStartWithoutTheConfigFileAndSaysWhere() {
    Path missing = dir.resolve("absent.json");
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(TestServiceApplication.class)
                    .run("--server.port=0", "--ks.base.config-path=" + missing))
        .satisfies(
            e ->
                assertThat(causeOfType(e, ClusterConfigException.class))
                    .hasMessageContaining(missing.toString()));
  }

  private static ResponseEntity<String> get(RunningService service, String path) {
    return service.client().get().uri(path).exchangeToMono(r -> r.toEntity(String.class)).block();
  }

  private static Throwable causeOfType(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the cause chain of " + e);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return server.getLocalPort();
    }
  }
}
