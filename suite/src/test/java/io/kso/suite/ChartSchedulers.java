package io.kso.suite;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A scheduler CronJob of the chart, rendered by the Helm engine: its request body and args. */
record ChartSchedulers(String body, List<String> args) {

  /** The CronJob and body ConfigMap named {@code name} (e.g. {@code kubescape-scheduler}). */
  static ChartSchedulers render(String name) {
    String yaml =
        new Helm(TestProject.dir().resolve("charts/kubescape-operator"))
            .template()
            .withName("kso")
            .withNamespace(SuiteLayout.NAMESPACE)
            .withKubeVersion("v1.30.0")
            .set("account", SuiteLayout.ACCOUNT_ID)
            .set("clusterName", SuiteLayout.CLUSTER_NAME)
            .call();
    try (KubernetesClient parser = new KubernetesClientBuilder().build()) {
      List<HasMetadata> objects =
          parser.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
      ConfigMap body =
          objects.stream()
              .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(name))
              .map(ConfigMap.class::cast)
              .findFirst()
              .orElseThrow(() -> new AssertionError("the chart renders no ConfigMap " + name));
      CronJob cronJob =
          objects.stream()
              .filter(o -> o instanceof CronJob && o.getMetadata().getName().equals(name))
              .map(CronJob.class::cast)
              .findFirst()
              .orElseThrow(() -> new AssertionError("the chart renders no CronJob " + name));
      return new ChartSchedulers(
          body.getData().get("request-body.json"),
          cronJob
              .getSpec()
              .getJobTemplate()
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getArgs());
    }
  }

  /**
   * The args as the CronJob's pod runs them, with the operator's Service name and the mounted
   * body's path replaced by where they are here.
   */
  List<String> argsFor(String operatorHostPort, String bodyFile) {
    return args.stream()
        .map(a -> a.startsWith("-host=") ? "-host=" + operatorHostPort : a)
        .map(a -> a.startsWith("-path-body=") ? "-path-body=" + bodyFile : a)
        .toList();
  }
}
