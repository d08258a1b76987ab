package io.kso.operator.port;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.kso.operator.model.ScheduleKind;

/** The CronJob templates the chart installs, one per kind of recurring scan. */
public interface ScheduleTemplates {
  /** The template; a ClusterException when its ConfigMap is missing or does not hold a CronJob. */
  CronJob template(ScheduleKind kind);
}
