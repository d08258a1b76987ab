package io.kso.suite;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.ServiceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Specs of services started as processes by the tests, on free ports of 127.0.0.1. */
final class TestServices {
  private TestServices() {}

  /** The operator with its clusterData, its kubeconfig and {@code NAMESPACE=kubescape}. */
  static ServiceSpec operator(Path work, Path config, Path kubeconfig, int apiPort) {
    int probe = SuiteLayout.freePort();
    return new ServiceSpec(
        "operator",
        new SuiteLayout(TestProject.dir(), work).jar("operator"),
        Map.of(
            "CONFIG",
            config.toString(),
            "KUBECONFIG",
            kubeconfig.toString(),
            "NAMESPACE",
            SuiteLayout.NAMESPACE,
            "PORT",
            Integer.toString(apiPort),
            "PROBE_PORT",
            Integer.toString(probe)),
        URI.create("http://127.0.0.1:" + probe + "/v1/liveness"),
        URI.create("http://127.0.0.1:" + probe + "/v1/readiness"));
  }

  /** kubescape-svc with its clusterData, its kubeconfig, a results directory and more env. */
  static ServiceSpec kubescape(
      Path work, Path config, Path kubeconfig, int port, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.putAll(
        Map.of(
            "CONFIG",
            config.toString(),
            "KUBECONFIG",
            kubeconfig.toString(),
            "KS_PORT",
            Integer.toString(port)));
    env.putIfAbsent("KS_RESULTS_DIR", work.resolve("kubescape-results").toString());
    env.putIfAbsent("KS_CONFIG_FILE", work.resolve("no-kubescape-config.json").toString());
    return new ServiceSpec(
        "kubescape-svc",
        new SuiteLayout(TestProject.dir(), work).jar("kubescape-svc"),
        env,
        URI.create("http://127.0.0.1:" + port + "/livez"),
        URI.create("http://127.0.0.1:" + port + "/readyz"));
  }

  static ServiceSpec gateway(
      Path work, String name, Path config, int ws, int rest, Map<String, String> extra) {
    int probe = SuiteLayout.freePort();
    Map<String, String> env = new HashMap<>(extra);
    env.putAll(
        Map.of(
            "CONFIG",
            config.toString(),
            "WEBSOCKET_PORT",
            Integer.toString(ws),
            "HTTP_PORT",
            Integer.toString(rest),
            "PROBE_PORT",
            Integer.toString(probe)));
    return new ServiceSpec(
        name,
        new SuiteLayout(TestProject.dir(), work).jar("gateway"),
        env,
        URI.create("http://127.0.0.1:" + probe + "/v1/liveness"),
        URI.create("http://127.0.0.1:" + probe + "/v1/readiness"));
  }

  /** A CronJob template ConfigMap as the chart installs it, from the test resource. */
  static void installTemplate(LocalCluster cluster, String configMap, String scheduler, String tier)
      throws IOException {
    String template;
    try (InputStream in = TestServices.class.getResourceAsStream("/cronjob-template.yaml")) {
      template =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("SCHEDULER_NAME", scheduler)
              .replace("TIER", tier);
    }
    try (NamespacedKubernetesClient client = cluster.client()) {
      client
          .configMaps()
          .inNamespace(SuiteLayout.NAMESPACE)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(configMap)
                  .endMetadata()
                  .addToData("cronjobTemplate", template)
                  .build())
          .create();
    }
  }
}
