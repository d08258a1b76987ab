package io.kso.base.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.base.testapp.RunningService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

/** Probes and metrics on a port of their own, served by the main context. */
class ProbePortTest {
  private static final String[] PROBE_PORT = {
    "ks.base.probe-port=0",
    "management.endpoints.web.base-path=/probe-port",
    "management.endpoints.web.path-mapping.health=v1"
  };

  @TempDir Path dir;

  @Test
  void servesProbesAndMetricsOnTheProbePortOnly() {
    try (RunningService service = RunningService.start(dir, "{}", PROBE_PORT)) {
      WebClient probes = probeClient(service.context());

      ResponseEntity<String> liveness = get(probes, "/v1/liveness");
      assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(liveness.getBody()).contains("\"status\":\"UP\"");
      assertThat(get(probes, "/v1/readiness").getBody()).contains("readinessState");
      ResponseEntity<String> metrics = get(probes, "/metrics?includedNames=process_uptime_seconds");
      assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(metrics.getBody())
          .contains("process_uptime_seconds")
          .doesNotContain("jvm_memory_used_bytes");

      ResponseEntity<String> apiOnProbePort = post(probes, "/v1/job/7");
      assertThat(apiOnProbePort.getStatusCode().is4xxClientError()).isTrue();
      assertThat(apiOnProbePort.getBody()).isNotEqualTo("ok");
    }
  }

  @Test
  void keepsTheActuatorOffTheApiPort() {
    try (RunningService service = RunningService.start(dir, "{}", PROBE_PORT)) {
      WebClient api = service.client();

      assertThat(post(api, "/v1/job/7").getBody()).isEqualTo("ok");
      assertThat(get(api, "/v1/liveness").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(get(api, "/metrics").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(get(api, "/probe-port/v1/liveness").getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(get(api, "/probe-port").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
  }

  @Test
  void publishesTheBoundProbePort() {
    try (RunningService service = RunningService.start(dir, "{}", PROBE_PORT)) {
      assertThat(service.context().getBean(ProbePortServer.class).port())
          .isEqualTo(probePort(service.context()))
          .isPositive();
    }
  }

  @Test
  void refusesTheApiPortAsProbePort() {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("server.port", "18931")
            .withProperty("ks.base.probe-port", "18931")
            .withProperty("management.endpoints.web.base-path", "/probe-port");

    assertThatThrownBy(() -> ProbePortSettings.from(env))
        .hasMessageContaining("ks.base.probe-port and server.port are both 18931");
  }

  @Test
  void refusesTheRootAsActuatorBasePath() {
    assertThatThrownBy(() -> RunningService.start(dir, "{}", "ks.base.probe-port=0"))
        .hasStackTraceContaining("management.endpoints.web.base-path set to a path of its own");
  }

  private static WebClient probeClient(ApplicationContext context) {
    return WebClient.create("http://127.0.0.1:" + probePort(context));
  }

  private static int probePort(ApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
  }

  private static ResponseEntity<String> get(WebClient client, String path) {
    return client.get().uri(path).exchangeToMono(r -> r.toEntity(String.class)).block();
  }

  private static ResponseEntity<String> post(WebClient client, String path) {
    return client.post().uri(path).exchangeToMono(r -> r.toEntity(String.class)).block();
  }
}
