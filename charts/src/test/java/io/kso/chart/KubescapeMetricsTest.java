package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prometheus finds kubescape's posture metrics at one place, whichever way it is told to scrape:
 * the ServiceMonitor and the pod annotations never disagree.
 */
class KubescapeMetricsTest {

  /** A setup, the path annotations must show (null: none), and whether a ServiceMonitor exists. */
  static Stream<Arguments> setups() {
    return Stream.of(
        Arguments.of(
            "the exporter switch", Map.of("capabilities.prometheusExporter", "enable"), null, true),
        Arguments.of(
            "the seed's ServiceMonitor switch",
            Map.of("kubescape.serviceMonitor.enabled", "true"),
            null,
            true),
        Arguments.of(
            "ServiceMonitor and annotations",
            Map.of(
                "kubescape.serviceMonitor.enabled",
                "true",
                "configurations.prometheusAnnotations",
                "enable"),
            "/v1/metrics",
            true),
        Arguments.of(
            "exporter with annotations (prometheus-community)",
            Map.of(
                "capabilities.prometheusExporter",
                "enable",
                "configurations.prometheusAnnotations",
                "enable"),
            "/v1/metrics",
            false),
        Arguments.of(
            "annotations alone: JVM metrics",
            Map.of("configurations.prometheusAnnotations", "enable"),
            "/metrics",
            false),
        Arguments.of("nothing", Map.of(), null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void serviceMonitorAndAnnotationsAgree(
      String name, Map<String, String> sets, String annotatedPath, boolean monitor) {
    Rendered r = HelmChart.render(sets);
    Map<String, String> annotations = r.podTemplate("kubescape").getMetadata().getAnnotations();

    if (annotatedPath == null) {
      assertThat(annotations).doesNotContainKey("prometheus.io/path");
    } else {
      assertThat(annotations)
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", annotatedPath)
          .containsEntry("prometheus.io/port", String.valueOf(httpPort(r)));
    }
    assertThat(r.find("ServiceMonitor", "kubescape-monitor").isPresent()).isEqualTo(monitor);
    if (monitor) {
      Map<String, Object> endpoint = endpoint(r);
      assertThat(endpoint)
          .containsEntry("path", "/v1/metrics")
          .containsEntry("port", "http")
          .containsEntry("interval", "200s")
          .containsEntry("scrapeTimeout", "150s");
    }
  }

  @Test
  void bothFollowTheServicePort() {
    Rendered r =
        HelmChart.render(
            Map.of(
                "kubescape.service.port", "9090",
                "kubescape.serviceMonitor.enabled", "true",
                "configurations.prometheusAnnotations", "enable"));

    assertThat(httpPort(r)).isEqualTo(9090);
    assertThat(r.podTemplate("kubescape").getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", "9090");
    assertThat(r.container("kubescape").getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9090));
    assertThat(endpoint(r)).containsEntry("port", "http");
  }

  @Test
  void intervalTimeoutNamespaceAndLabelsAreConfigurable() {
    Rendered r =
        HelmChart.render(
            """
            kubescape:
              serviceMonitor:
                enabled: true
                namespace: monitoring
                labels: {release: kube-prometheus-stack}
                interval: 1h
                scrapeTimeout: 59m30s
            """);

    HasMetadata monitor = r.find("ServiceMonitor", "kubescape-monitor").orElseThrow();
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(endpoint(r))
        .containsEntry("interval", "1h")
        .containsEntry("scrapeTimeout", "59m30s");
  }

  @Test
  void aTimeoutLongerThanTheIntervalIsRefused() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    Map.of(
                        "kubescape.serviceMonitor.enabled", "true",
                        "kubescape.serviceMonitor.interval", "1m",
                        "kubescape.serviceMonitor.scrapeTimeout", "90s")))
        .hasMessageContaining("scrapeTimeout (90s) must not be longer than its interval (1m)");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> endpoint(Rendered r) {
    HasMetadata monitor = r.find("ServiceMonitor", "kubescape-monitor").orElseThrow();
    Map<String, Object> object = Rendered.SERIALIZATION.convertValue(monitor, Map.class);
    Map<String, Object> spec = (Map<String, Object>) object.get("spec");
    List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
    assertThat(endpoints).hasSize(1);
    return endpoints.get(0);
  }

  private static int httpPort(Rendered r) {
    return r.get(Service.class, "kubescape").getSpec().getPorts().stream()
        .filter(p -> "http".equals(p.getName()))
        .map(ServicePort::getPort)
        .findFirst()
        .orElseThrow();
  }
}
