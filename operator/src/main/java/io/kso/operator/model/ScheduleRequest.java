package io.kso.operator.model;

import java.util.Map;

/**
 * One CronJob to create from a template.
 *
 * @param kind which template
 * @param name the CronJob, ConfigMap (and Secret) name, already normalised
 * @param namespace where they go
 * @param schedule the cron expression; empty keeps the template's
 * @param requestBody what the CronJob's pod sends to the operator
 * @param podAnnotations annotations added to the pod template
 */
public record ScheduleRequest(
    ScheduleKind kind,
    String name,
    String namespace,
    String schedule,
    String requestBody,
    Map<String, String> podAnnotations) {
  public ScheduleRequest {
    podAnnotations = Map.copyOf(podAnnotations);
  }
}
