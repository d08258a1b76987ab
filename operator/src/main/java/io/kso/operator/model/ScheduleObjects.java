package io.kso.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that builds the objects of a recurring scan: the CronJob stamped from the chart's
 * template, the ConfigMap holding the request its pod sends, and the registry credentials Secret.
 * Pure: no client, no I/O.
 */
public final class ScheduleObjects {
  private ScheduleObjects() {}

  /** The template with the request's name, namespace, schedule, body volume and annotations. */
  public static CronJob cronJob(CronJob template, ScheduleRequest request) {
    CronJobBuilder builder =
        new CronJobBuilder(template)
            .editMetadata()
            .withName(request.name())
            .withNamespace(request.namespace())
            .withResourceVersion(null)
            .withUid(null)
            .addToLabels(ScheduleMetadata.APP, request.name())
            .endMetadata();
    if (!request.schedule().isBlank()) {
      builder.editSpec().withSchedule(request.schedule()).endSpec();
    }
    CronJob cronJob = builder.build();
    var podTemplate = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (podTemplate.getMetadata().getAnnotations() != null) {
      annotations.putAll(podTemplate.getMetadata().getAnnotations());
    }
    annotations.putAll(request.podAnnotations());
    podTemplate.getMetadata().setAnnotations(annotations);
    podTemplate
        .getSpec()
        .setVolumes(withBodyVolume(podTemplate.getSpec().getVolumes(), request.name()));
    return cronJob;
  }

  public static ConfigMap requestBody(ScheduleRequest request) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(request.name())
        .withNamespace(request.namespace())
        .addToLabels(ScheduleMetadata.APP, request.name())
        .endMetadata()
        .addToData(ScheduleMetadata.BODY_KEY, request.requestBody())
        .build();
  }

  /** Registry credentials, read by the operator when the scheduled scan runs. */
  public static Secret registryCredentials(
      String name, String namespace, String registriesAuthJson) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(ScheduleMetadata.APP, name)
        .endMetadata()
        .withType("Opaque")
        .addToStringData(ScheduleMetadata.REGISTRIES_AUTH, registriesAuthJson)
        .build();
  }

  /** The existing CronJob with a new schedule (if given) and the updating job's id. */
  public static CronJob updated(CronJob current, String schedule, String jobId) {
    CronJobBuilder builder = new CronJobBuilder(current);
    if (!schedule.isBlank()) {
      builder.editSpec().withSchedule(schedule).endSpec();
    }
    CronJob cronJob = builder.build();
    var metadata = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (metadata.getAnnotations() != null) {
      annotations.putAll(metadata.getAnnotations());
    }
    annotations.put(ScheduleMetadata.UPDATE_JOB_ID, jobId);
    annotations.put(ScheduleMetadata.KUBESCAPE_UPDATE_JOB_ID, jobId);
    metadata.setAnnotations(annotations);
    return cronJob;
  }

  private static List<Volume> withBodyVolume(List<Volume> volumes, String configMap) {
    List<Volume> out = new ArrayList<>();
    if (volumes != null) {
      volumes.stream()
          .filter(v -> !ScheduleMetadata.BODY_VOLUME.equals(v.getName()))
          .forEach(out::add);
    }
    out.add(
        new VolumeBuilder()
            .withName(ScheduleMetadata.BODY_VOLUME)
            .withNewConfigMap()
            .withName(configMap)
            .endConfigMap()
            .build());
    return out;
  }
}
