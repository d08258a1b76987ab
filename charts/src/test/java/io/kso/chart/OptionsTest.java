package io.kso.chart;

import static io.kso.chart.Rendered.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's options beyond the seed table, each shown to do what its value's comment says. */
class OptionsTest {

  @Test
  void networkPoliciesLetInOnlyTheSuitesOwnCallers() {
    Rendered r = HelmChart.render(Map.of("global.networkPolicy.enabled", "true"));

    assertThat(ingressFrom(r, "kubevuln")).containsExactly("operator");
    assertThat(ingressFrom(r, "kubescape")).containsExactly("operator");
    assertThat(ingressFrom(r, "gateway")).containsExactly("operator", "kollector");
    assertThat(ingressFrom(r, "kollector")).isEmpty();
    NetworkPolicyPeer schedulers =
        r.get(NetworkPolicy.class, "operator").getSpec().getIngress().get(0).getFrom().get(0);
    assertThat(schedulers.getPodSelector().getMatchExpressions().get(0).getValues())
        .containsExactly("kubescape-scan", "vuln-scan", "registry-scan");
    assertThat(r.get(NetworkPolicy.class, "scan-schedulers").getSpec().getIngress()).isEmpty();
  }

  @Test
  void networkPoliciesOpenMetricsPortsOnlyWhenSomethingScrapes() {
    Rendered scraped =
        HelmChart.render(
            """
            global:
              networkPolicy:
                enabled: true
                metricsFrom: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
            configurations: {prometheusAnnotations: enable}
            """);
    Rendered quiet = HelmChart.render(Map.of("global.networkPolicy.enabled", "true"));

    NetworkPolicyIngressRule scrape =
        scraped.get(NetworkPolicy.class, "operator").getSpec().getIngress().get(1);
    assertThat(scrape.getPorts().get(0).getPort().getIntVal()).isEqualTo(8000);
    assertThat(scrape.getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "monitoring");
    assertThat(quiet.get(NetworkPolicy.class, "operator").getSpec().getIngress()).hasSize(1);
  }

  @Test
  void podSecurityPolicyIsRenderedOnlyWhereTheApiExists() {
    Map<String, String> on = Map.of("global.kubescapePsp.enabled", "true");

    assertThat(Rendered.parse(HelmChart.template(null, on, "v1.24.17")).all("PodSecurityPolicy"))
        .hasSize(1);
    assertThat(Rendered.parse(HelmChart.template(null, on, "v1.25.0")).all("PodSecurityPolicy"))
        .isEmpty();
  }

  @Test
  void kubePrometheusStackGetsAServiceMonitorOnThePostureMetrics() {
    Rendered r = HelmChart.render(Map.of("capabilities.prometheusExporter", "enable"));

    HasMetadata monitor = r.find("ServiceMonitor", "kubescape-monitor").orElseThrow();
    assertThat(Rendered.SERIALIZATION.asYaml(monitor))
        .contains("path: \"/v1/metrics\"")
        .contains("port: \"http\"")
        .contains("interval: \"200s\"");
    assertThat(r.podTemplate("kubescape").getMetadata().getAnnotations())
        .doesNotContainKey("prometheus.io/scrape");
  }

  @Test
  void prometheusCommunityChartGetsScrapeAnnotationsInstead() {
    Rendered r =
        HelmChart.render(
            Map.of(
                "capabilities.prometheusExporter",
                "enable",
                "configuration.prometheusAnnotations",
                "enable"));

    assertThat(r.find("ServiceMonitor", "kubescape-monitor")).isEmpty();
    assertThat(r.podTemplate("kubescape").getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8080")
        .containsEntry("prometheus.io/path", "/v1/metrics");
    assertThat(r.podTemplate("operator").getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", "8000")
        .containsEntry("prometheus.io/path", "/metrics");
  }

  @Test
  void collectorReceivesEveryServicesTelemetryAndExportsIt() {
    Rendered r =
        HelmChart.render(
            """
            otelCollector:
              enabled: true
              endpoint: {host: otel.example.com, port: 4317, insecure: false, headers: {uptrace-dsn: dsn}}
              hostmetrics: {enabled: true}
            """);

    String config =
        r.configMap("otel-collector-config").getData().get("otel-collector-config.yaml");
    assertThat(config)
        .contains("endpoint: \"otel.example.com:4317\"")
        .contains("insecure: false")
        .contains("uptrace-dsn: dsn")
        .contains("hostmetrics:")
        .contains("receivers: [otlp, hostmetrics]");
    assertThat(r.find(Deployment.class, "otel-collector")).isPresent();
    for (String service : Hardening.SERVICES) {
      assertThat(env(r.container(service), "OTEL_COLLECTOR_SVC")).isEqualTo("otel-collector:4317");
    }
    assertThat(r.clusterData()).contains("\"otelCollector\": true");
  }

  @Test
  void otelUrlIsWhereTheCollectorExportsOrWhereServicesExportWithoutIt() {
    Rendered withCollector =
        HelmChart.render(
            Map.of(
                "otelCollector.enabled",
                "true",
                "configurations.otelUrl",
                "uptrace.example.com:14317"));
    Rendered direct =
        HelmChart.render(Map.of("configurations.otelUrl", "uptrace.example.com:14317"));

    assertThat(
            withCollector
                .configMap("otel-collector-config")
                .getData()
                .get("otel-collector-config.yaml"))
        .contains("endpoint: \"uptrace.example.com:14317\"");
    assertThat(direct.find(Deployment.class, "otel-collector")).isEmpty();
    assertThat(env(direct.container("kubevuln"), "OTEL_COLLECTOR_SVC"))
        .isEqualTo("uptrace.example.com:14317");
    assertThat(env(HelmChart.renderDefault().container("kubevuln"), "OTEL_COLLECTOR_SVC")).isNull();
  }

  @Test
  void collectorWithoutAnEndpointIsRefused() {
    assertThatThrownBy(() -> HelmChart.render(Map.of("otelCollector.enabled", "true")))
        .hasMessageContaining("set otelCollector.endpoint.host or configurations.otelUrl");
  }

  @Test
  void accessKeyReachesTheGatewayThroughASecret() {
    Rendered r = HelmChart.render(Map.of("clientID", "id-1", "secretKey", "key-1"));

    assertThat(r.get(Secret.class, "ks-cloud-credentials").getStringData())
        .containsEntry("clientID", "id-1")
        .containsEntry("secretKey", "key-1");
    EnvVar clientId =
        r.container("gateway").getEnv().stream()
            .filter(e -> e.getName().equals("CLIENT_ID"))
            .findFirst()
            .orElseThrow();
    assertThat(clientId.getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("ks-cloud-credentials");
    assertThat(HelmChart.renderDefault().find(Secret.class, "ks-cloud-credentials")).isEmpty();
  }

  @Test
  void aTagGivenAsDigestPinsTheImage() {
    String digest = "sha256:" + "a".repeat(64);
    Rendered rendered = HelmChart.render(Map.of("operator.image.tag", digest));

    assertThat(rendered.container("operator").getImage()).isEqualTo("kso/operator@" + digest);
    assertThat(rendered.container("gateway").getImage()).doesNotContain("@");
  }

  @Test
  void pullSecretsAndRegistryApplyToEveryPod() {
    Rendered list =
        HelmChart.render(
            "global: {imageRegistry: registry.example.com/mirror/}\nimagePullSecrets: [a, {name: b}]");
    Rendered single = HelmChart.render(Map.of("imagePullSecrets", "only"));

    for (PodTemplateSpec pod : Hardening.pods(list).values()) {
      assertThat(pod.getSpec().getImagePullSecrets())
          .extracting(LocalObjectReference::getName)
          .containsExactly("a", "b");
      assertThat(pod.getSpec().getContainers().get(0).getImage())
          .startsWith("registry.example.com/mirror/kso/");
    }
    assertThat(Hardening.pods(single).values())
        .allSatisfy(
            p ->
                assertThat(p.getSpec().getImagePullSecrets())
                    .extracting(LocalObjectReference::getName)
                    .containsExactly("only"));
  }

  @Test
  void serviceSettingsBecomeTheEnvironmentTheServicesRead() {
    Rendered r =
        HelmChart.render(
            """
            operator: {workerConcurrency: 5, triggerSecurityFramework: false, cleanupDelay: 1m, properties: {applyTimeout: 45s}}
            kubevuln: {scanConcurrency: 2, config: {maxImageSize: 1073741824, scanTimeout: 10m}}
            kollector: {waitBeforeReport: 30}
            """);

    assertThat(env(r.container("operator"), "WORKER_CONCURRENCY")).isEqualTo("5");
    assertThat(env(r.container("operator"), "TRIGGER_SECURITY_FRAMEWORK")).isEqualTo("false");
    assertThat(env(r.container("operator"), "CLEANUP_DELAY")).isEqualTo("1m");
    assertThat(env(r.container("operator"), "SPRING_APPLICATION_JSON"))
        .isEqualTo("{\"ks\":{\"operator\":{\"applyTimeout\":\"45s\"}}}");
    assertThat(env(r.container("kubevuln"), "SCAN_CONCURRENCY")).isEqualTo("2");
    assertThat(env(r.container("kollector"), "WAIT_BEFORE_REPORT")).isEqualTo("30");
    assertThat(r.clusterData())
        .contains("\"maxImageSize\": 1073741824")
        .contains("\"scanTimeout\": \"10m\"");
  }

  @Test
  void backendUrlsGoToTheUrlsConfigMapAndTurnKeepLocalOff() {
    Rendered r =
        HelmChart.render(
            Map.of(
                "eventReceiverHttpUrl",
                "https://report.example.com",
                "k8sReportUrl",
                "wss://report.example.com",
                "gatewayUrl",
                "wss://gw.example.com/v1/waitfornotification"));

    assertThat(r.clusterData())
        .contains("\"keepLocal\": false")
        .contains("\"eventReceiverRestURL\": \"https://report.example.com\"")
        .contains("\"eventReceiverWebsocketURL\": \"wss://report.example.com\"")
        .contains("\"rootGatewayURL\": \"wss://gw.example.com/v1/waitfornotification\"");
  }

  @Test
  void aDisabledComponentLeavesNoObjectBehind() {
    Rendered r = HelmChart.render(Map.of("kubescape.enabled", "false"));

    assertThat(r.objects())
        .noneMatch(
            o ->
                o.getMetadata().getName().contains("kubescape")
                    && !o.getKind().equals("ConfigMap")
                    && !o.getKind().startsWith("ClusterRole"));
    assertThat(r.all(ClusterRoleBinding.class))
        .extracting(b -> b.getSubjects().get(0).getName())
        .doesNotContain("kubescape");
    assertThat(r.clusterData()).contains("\"postureScanEnabled\": false");
  }

  @Test
  void longRunningPodsCarryTheRevisionSoThatUpgradesRestartThem() {
    Rendered r = HelmChart.renderDefault();

    for (String service : Hardening.SERVICES) {
      assertThat(r.podTemplate(service).getMetadata().getLabels())
          .containsEntry("helm.sh/revision", "1");
    }
  }

  @Test
  void ksNamespacePlacesEveryObjectAndBinding() {
    Rendered r = HelmChart.render(Map.of("ksNamespace", "security"));

    assertThat(r.objects())
        .filteredOn(o -> o.getMetadata().getNamespace() != null)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("security"));
    assertThat(r.all(ClusterRoleBinding.class))
        .allSatisfy(b -> assertThat(b.getSubjects().get(0).getNamespace()).isEqualTo("security"));
    assertThat(r.clusterData()).contains("\"namespace\": \"security\"");
  }

  private static List<String> ingressFrom(Rendered r, String policy) {
    return r.get(NetworkPolicy.class, policy).getSpec().getIngress().stream()
        .flatMap(rule -> rule.getFrom().stream())
        .map(peer -> peer.getPodSelector().getMatchLabels())
        .filter(labels -> labels != null)
        .map(labels -> labels.get("app.kubernetes.io/name"))
        .toList();
  }
}
