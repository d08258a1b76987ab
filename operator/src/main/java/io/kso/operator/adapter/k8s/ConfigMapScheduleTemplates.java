package io.kso.operator.adapter.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kso.operator.model.ScheduleKind;
import io.kso.operator.port.ClusterException;
import io.kso.operator.port.ClusterResources;
import io.kso.operator.port.ScheduleTemplates;

/**
 * Reads each template from its ConfigMap (key {@code cronjobTemplate}) in the operator's namespace.
 */
public final class ConfigMapScheduleTemplates implements ScheduleTemplates {
  private final ClusterResources cluster;
  private final String namespace;

  public ConfigMapScheduleTemplates(ClusterResources cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
  }

  @Override
  public CronJob template(ScheduleKind kind) {
    ConfigMap configMap =
        cluster
            .get(ConfigMap.class, namespace, kind.templateConfigMap())
            .orElseThrow(
                () ->
                    missing(
                        kind,
                        "ConfigMap " + namespace + "/" + kind.templateConfigMap() + " is missing"));
    String yaml =
        configMap.getData() == null ? null : configMap.getData().get(ScheduleKind.TEMPLATE_KEY);
    if (yaml == null || yaml.isBlank()) {
      throw missing(
          kind,
          "ConfigMap "
              + kind.templateConfigMap()
              + " has no "
              + ScheduleKind.TEMPLATE_KEY
              + " key");
    }
    try {
      return Serialization.unmarshal(yaml, CronJob.class);
    } catch (RuntimeException e) {
      throw new ClusterException(
          ClusterException.Reason.INVALID,
          "template " + kind.templateConfigMap() + " is not a CronJob: " + e.getMessage(),
          e);
    }
  }

  private static ClusterException missing(ScheduleKind kind, String message) {
    return new ClusterException(
        ClusterException.Reason.INVALID,
        message + " (the chart installs the " + kind + " template)",
        null);
  }
}
