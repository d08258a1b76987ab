package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value set users are told to install with renders valid, hardened objects. */
class ValueMatrixTest {

  static Stream<Arguments> valueSets() {
    String allOptions = resource("values/all-options.yaml");
    String otelExample =
        """
        otelCollector:
          enabled: true
          endpoint:
            host: otel.example.com
            port: 4317
            insecure: true
            headers:
              uptrace-dsn: http://project1_secret_token@localhost:14317/1
        """;
    return Stream.of(
        Arguments.of(
            "seed: basic install",
            null,
            Map.of("account", "0a1b-2c3d", "clusterName", "kind-kind"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: install with a context name as clusterName",
            null,
            Map.of("clusterName", "arn:aws:eks:us-east-1:123456789012:cluster/prod"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: with an access key",
            null,
            Map.of("clientID", "id", "secretKey", "key"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: Prometheus service monitor",
            null,
            Map.of("kubescape.serviceMonitor.enabled", "true"),
            HelmChart.KUBE_VERSION),
        Arguments.of("seed: telemetry", otelExample, Map.of(), HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: telemetry with host metrics",
            otelExample,
            Map.of("otelCollector.hostmetrics.enabled", "true"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: telemetry to uptrace",
            otelExample,
            Map.of(
                "configurations.otelUrl",
                "uptrace.example.com:14317",
                "otelCollector.endpoint.insecure",
                "false"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: kube-prometheus-stack",
            null,
            Map.of("capabilities.prometheusExporter", "enable"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "seed: prometheus-community chart",
            null,
            Map.of(
                "capabilities.prometheusExporter",
                "enable",
                "configuration.prometheusAnnotations",
                "enable"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "network policies with egress",
            null,
            Map.of(
                "global.networkPolicy.enabled",
                "true",
                "global.networkPolicy.createEgressRules",
                "true"),
            HelmChart.KUBE_VERSION),
        Arguments.of(
            "proxy",
            null,
            Map.of("global.httpsProxy", "proxy.example.com:3128"),
            HelmChart.KUBE_VERSION),
        Arguments.of("every option on", allOptions, Map.of(), HelmChart.KUBE_VERSION),
        Arguments.of(
            "every option on, Kubernetes 1.24 (PodSecurityPolicy)",
            allOptions,
            Map.of(),
            "v1.24.17"),
        Arguments.of(
            "every component off but the operator",
            null,
            Map.of(
                "gateway.enabled",
                "false",
                "kubevuln.enabled",
                "false",
                "kubescape.enabled",
                "false",
                "kollector.enabled",
                "false"),
            HelmChart.KUBE_VERSION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void rendersValidHardenedObjects(
      String name, String yaml, Map<String, String> sets, String kubeVersion) {
    Rendered rendered =
        Rendered.parse(HelmChart.template(yaml, new LinkedHashMap<>(sets), kubeVersion));

    assertThat(rendered.objects()).isNotEmpty();
    assertThat(ObjectChecks.problems(rendered)).isEmpty();
    assertThat(Hardening.problems(rendered)).isEmpty();
  }

  @Test
  void everyOptionOnRendersEveryKindOfObject() {
    Rendered rendered =
        Rendered.parse(
            HelmChart.template(resource("values/all-options.yaml"), Map.of(), "v1.24.17"));

    assertThat(rendered.objects())
        .extracting(o -> o.getKind())
        .contains(
            "NetworkPolicy",
            "PersistentVolumeClaim",
            "PodSecurityPolicy",
            "ServiceMonitor",
            "Secret",
            "CronJob",
            "StatefulSet",
            "Deployment",
            "ClusterRole",
            "Role");
  }

  @Test
  void checksCatchAMisplacedFieldAndAMountWithoutVolume() {
    Rendered rendered =
        HelmChart.render(
            """
            operator:
              affinity:
                nodeAfinity: {}
              volumeMounts:
                - name: nowhere
                  mountPath: /nowhere
            """);

    assertThat(ObjectChecks.problems(rendered))
        .anyMatch(p -> p.contains("unknown fields [nodeAfinity]"))
        .anyMatch(p -> p.contains("mount of unknown volume nowhere"));
  }

  static String resource(String name) {
    try (var in = ValueMatrixTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
