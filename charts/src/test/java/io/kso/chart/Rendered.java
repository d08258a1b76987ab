package io.kso.chart;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A render of the chart: its text, and every document parsed by fabric8 into its model class. */
record Rendered(String text, List<HasMetadata> objects) {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  static Rendered parse(String text) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : SEPARATOR.split(text)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      if (!(parsed instanceof HasMetadata object)) {
        throw new AssertionError("not a Kubernetes object:\n" + document);
      }
      objects.add(object);
    }
    return new Rendered(text, List.copyOf(objects));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<HasMetadata> all(String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  Optional<HasMetadata> find(String kind, String name) {
    return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  ConfigMap configMap(String name) {
    return get(ConfigMap.class, name);
  }

  /** The pod template of the Deployment or StatefulSet of a component. */
  PodTemplateSpec podTemplate(String workload) {
    return find(Deployment.class, workload)
        .map(d -> d.getSpec().getTemplate())
        .or(() -> find(StatefulSet.class, workload).map(s -> s.getSpec().getTemplate()))
        .orElseThrow(() -> new AssertionError("no Deployment or StatefulSet " + workload));
  }

  Container container(String workload) {
    return podTemplate(workload).getSpec().getContainers().get(0);
  }

  /** Every pod template: Deployments, StatefulSets and CronJobs. */
  List<PodTemplateSpec> podTemplates() {
    List<PodTemplateSpec> templates = new ArrayList<>();
    all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
    all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
    all(CronJob.class)
        .forEach(c -> templates.add(c.getSpec().getJobTemplate().getSpec().getTemplate()));
    return templates;
  }

  /** The clusterData document of the URLs ConfigMap. */
  String clusterData() {
    return configMap("ks-cloud-config").getData().get("clusterData");
  }

  /**
   * The value of a container's environment variable (the last entry wins, as in a pod); null when
   * unset.
   */
  static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .reduce((first, last) -> last)
        .orElse(null);
  }

  /** The CronJob held by a recurring-scan template ConfigMap. */
  CronJob cronJobTemplate(String configMap) {
    String yaml = configMap(configMap).getData().get("cronjobTemplate");
    if (yaml == null) {
      throw new AssertionError(configMap + " has no cronjobTemplate");
    }
    return SERIALIZATION.unmarshal(yaml, CronJob.class);
  }
}
