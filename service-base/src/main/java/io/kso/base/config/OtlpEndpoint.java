package io.kso.base.config;

import java.util.function.UnaryOperator;

/** Where OpenTelemetry data goes, and over which OTLP transport. */
record OtlpEndpoint(String base, String transport) {

  /** The endpoint the two variables below name, looked up with {@code variables}; or null. */
  static OtlpEndpoint from(UnaryOperator<String> variables) {
    return from(
        variables.apply("OTEL_EXPORTER_OTLP_ENDPOINT"), variables.apply("OTEL_COLLECTOR_SVC"));
  }

  /**
   * {@code otlpUrl} (standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}) wins over {@code collectorSvc}
   * (the chart's {@code host:port} of a gRPC collector). Both blank: no export.
   */
  static OtlpEndpoint from(String otlpUrl, String collectorSvc) {
    if (otlpUrl != null && !otlpUrl.isBlank()) {
      return new OtlpEndpoint(stripSlash(otlpUrl.strip()), "http");
    }
    if (collectorSvc != null && !collectorSvc.isBlank()) {
      String svc = collectorSvc.strip();
      return new OtlpEndpoint(svc.contains("://") ? stripSlash(svc) : "http://" + svc, "grpc");
    }
    return null;
  }

  String tracesUrl() {
    return signal("traces");
  }

  String logsUrl() {
    return signal("logs");
  }

  String metricsUrl() {
    return "http".equals(transport) ? base + "/v1/metrics" : base;
  }

  private String signal(String name) {
    return "http".equals(transport) ? base + "/v1/" + name : base;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
