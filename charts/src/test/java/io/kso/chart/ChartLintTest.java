package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChartLintTest {

  @Test
  void passesStrictLint() {
    LintResult result = new Helm(HelmChart.dir()).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void refusesAReleaseWithoutAccount() {
    assertThatThrownBy(() -> HelmChart.templateRaw(Map.of("clusterName", "c")))
        .hasMessageContaining("account is required: add --set account=");
  }

  @Test
  void refusesAReleaseWithoutClusterName() {
    assertThatThrownBy(() -> HelmChart.templateRaw(Map.of("account", "a")))
        .hasMessageContaining("clusterName is required: add --set clusterName=");
  }

  @Test
  void refusesAClusterNameWithoutAnyWordCharacter() {
    assertThatThrownBy(() -> HelmChart.templateRaw(Map.of("account", "a", "clusterName", "--")))
        .hasMessageContaining("clusterName is required");
  }

  static Stream<Arguments> wrongValues() {
    return Stream.of(
        Arguments.of(
            "operator.workerConcurrency", "three", "/operator/workerConcurrency", "want integer"),
        Arguments.of("kubevuln.replicaCount", "-1", "/kubevuln/replicaCount", "minimum"),
        Arguments.of(
            "gateway.image.pullPolicy",
            "Sometimes",
            "/gateway/image/pullPolicy",
            "must be one of 'Always', 'IfNotPresent', 'Never'"),
        Arguments.of("addRevisionLabel", "maybe", "/addRevisionLabel", "want boolean"),
        Arguments.of(
            "kubescapeScheduler.scanSchedule",
            "every day",
            "/kubescapeScheduler/scanSchedule",
            "does not match pattern"),
        Arguments.of(
            "global.httpsProxy",
            "proxy.example.com",
            "/global/httpsProxy",
            "does not match pattern"),
        Arguments.of(
            "capabilities.prometheusExporter",
            "yes",
            "/capabilities/prometheusExporter",
            "must be one of 'enable', 'disable'"),
        Arguments.of(
            "otelCollector.endpoint.port", "99999", "/otelCollector/endpoint/port", "maximum"),
        Arguments.of(
            "kubescape.serviceMonitor.enable", "true", "/kubescape/serviceMonitor", "enable"),
        Arguments.of(
            "operator.cleanupDelay",
            "ten minutes",
            "/operator/cleanupDelay",
            "does not match pattern"),
        Arguments.of("kubescape.results.keep", "-1", "/kubescape/results/keep", "minimum"),
        Arguments.of("kubescape.queueSize", "0", "/kubescape/queueSize", "minimum"),
        Arguments.of(
            "kubescape.metrics.maxAge", "1h30m", "/kubescape/metrics/maxAge", "does not match"),
        Arguments.of(
            "kubescape.bundle.sha256", "abc", "/kubescape/bundle/sha256", "does not match"),
        Arguments.of(
            "kubescape.bundle.url",
            "ftp://example.com/b.zip",
            "/kubescape/bundle/url",
            "does not match"),
        Arguments.of(
            "kubescape.excludeNamespaces",
            "kube-system,Kube_Public",
            "/kubescape/excludeNamespaces",
            "does not match"),
        Arguments.of("kubescape.format", "xml", "/kubescape/format", "must be one of"),
        Arguments.of(
            "kubescape.persistence.accessMode",
            "ReadOnlyMany",
            "/kubescape/persistence/accessMode",
            "must be one of"),
        Arguments.of(
            "kubescape.persistence.size", "lots", "/kubescape/persistence/size", "does not match"),
        Arguments.of(
            "kubescape.serviceMonitor.interval",
            "1.5m",
            "/kubescape/serviceMonitor/interval",
            "does not match"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("wrongValues")
  void schemaRejectsAWrongValueNamingItsKey(String key, String value, String path, String reason) {
    assertThatThrownBy(() -> HelmChart.render(Map.of(key, value)))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(path)
        .hasMessageContaining(reason);
  }
}
