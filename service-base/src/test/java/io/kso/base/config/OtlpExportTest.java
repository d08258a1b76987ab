package io.kso.base.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.kso.base.testapp.RunningService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces reach an OTLP collector when, and only when, an endpoint is configured. */
class OtlpExportTest {
  @TempDir Path dir;
  private HttpServer collector;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startCollector() throws IOException {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void exportsTracesToAConfiguredEndpoint() {
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
    try (RunningService service =
        RunningService.start(
            dir,
            "{}",
            "OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoint,
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=100ms")) {
      service.client().post().uri("/v1/job/j1").retrieve().toBodilessEntity().block();

      await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("POST /v1/traces"));
    }
  }

  @Test
  void sendsNothingWithoutAnEndpoint() {
    try (RunningService service =
        RunningService.start(
            dir,
            "{}",
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=100ms")) {
      service.client().post().uri("/v1/job/j1").retrieve().toBodilessEntity().block();

      assertThat(
              service
                  .context()
                  .getBeanNamesForType(io.opentelemetry.sdk.trace.export.SpanExporter.class))
          .isEmpty();
      assertThat(service.context().getBeanNamesForType(io.opentelemetry.api.OpenTelemetry.class))
          .as("no OpenTelemetry SDK is built when nothing exports")
          .isEmpty();
    }
    assertThat(received).isEmpty();
  }
}
