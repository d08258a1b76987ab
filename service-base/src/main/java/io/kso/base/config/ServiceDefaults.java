package io.kso.base.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds the suite's defaults behind every other property source, and decides OpenTelemetry export:
 * it is on only when an OTLP endpoint is given, either as {@code OTEL_EXPORTER_OTLP_ENDPOINT} (a
 * URL, OTLP over HTTP) or as the chart's {@code OTEL_COLLECTOR_SVC} ({@code host:port}, OTLP over
 * gRPC).
 */
public class ServiceDefaults implements EnvironmentPostProcessor {
  static final String DEFAULTS = "kso-service-defaults.properties";

  /**
   * The OpenTelemetry SDK and tracing, left out when nothing exports them: no code of ours reads a
   * span, and they are several hundred classes of every start.
   */
  static final List<String> TELEMETRY_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging"
              + ".OpenTelemetryLoggingAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp"
              + ".OtlpLoggingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus"
              + ".PrometheusExemplarsAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure"
              + ".OpenTelemetryTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp"
              + ".OtlpTracingAutoConfiguration");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("ksoTelemetry", telemetry(environment)));
    environment.getPropertySources().addLast(new PropertiesPropertySource("ksoDefaults", load()));
  }

  static Map<String, Object> telemetry(ConfigurableEnvironment env) {
    OtlpEndpoint endpoint = OtlpEndpoint.from(env::getProperty);
    Map<String, Object> props = new HashMap<>();
    boolean on = endpoint != null;
    props.put("management.tracing.export.enabled", on);
    props.put("management.otlp.metrics.export.enabled", on);
    props.put("management.logging.export.otlp.enabled", on);
    if (!on) {
      props.put("spring.autoconfigure.exclude", String.join(",", TELEMETRY_AUTO_CONFIGURATIONS));
    }
    if (on) {
      props.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint.tracesUrl());
      props.put("management.opentelemetry.tracing.export.otlp.transport", endpoint.transport());
      props.put("management.opentelemetry.logging.export.otlp.endpoint", endpoint.logsUrl());
      props.put("management.opentelemetry.logging.export.otlp.transport", endpoint.transport());
      props.put("management.otlp.metrics.export.url", endpoint.metricsUrl());
    }
    return props;
  }

  private static Properties load() {
    try {
      return PropertiesLoaderUtils.loadProperties(new ClassPathResource(DEFAULTS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULTS, e);
    }
  }
}
