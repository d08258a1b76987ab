package io.kso.base.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class OtlpEndpointTest {

  @Test
  void exportStaysOffWithoutAnEndpoint() {
    Map<String, Object> props = ServiceDefaults.telemetry(new MockEnvironment());

    assertThat(props)
        .containsEntry("management.tracing.export.enabled", false)
        .containsEntry("management.otlp.metrics.export.enabled", false)
        .containsEntry("management.logging.export.otlp.enabled", false)
        .doesNotContainKey("management.opentelemetry.tracing.export.otlp.endpoint");
  }

  @Test
  void aStandardOtlpEndpointSwitchesExportOnOverHttp() {
    MockEnvironment env =
        new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318/");

    Map<String, Object> props = ServiceDefaults.telemetry(env);

    assertThat(props)
        .containsEntry("management.tracing.export.enabled", true)
        .containsEntry(
            "management.opentelemetry.tracing.export.otlp.endpoint",
            "http://127.0.0.1:4318/v1/traces")
        .containsEntry("management.opentelemetry.tracing.export.otlp.transport", "http")
        .containsEntry(
            "management.opentelemetry.logging.export.otlp.endpoint",
            "http://127.0.0.1:4318/v1/logs")
        .containsEntry("management.otlp.metrics.export.url", "http://127.0.0.1:4318/v1/metrics");
  }

  @Test
  void theChartsCollectorServiceMeansGrpc() {
    MockEnvironment env =
        new MockEnvironment().withProperty("OTEL_COLLECTOR_SVC", "otel-collector:4317");

    Map<String, Object> props = ServiceDefaults.telemetry(env);

    assertThat(props)
        .containsEntry("management.tracing.export.enabled", true)
        .containsEntry(
            "management.opentelemetry.tracing.export.otlp.endpoint", "http://otel-collector:4317")
        .containsEntry("management.opentelemetry.tracing.export.otlp.transport", "grpc");
  }

  @Test
  void theStandardVariableWinsOverTheChartOne() {
    assertThat(OtlpEndpoint.from("http://a:4318", "b:4317"))
        .isEqualTo(new OtlpEndpoint("http://a:4318", "http"));
    assertThat(OtlpEndpoint.from(" ", "")).isNull();
  }
}
