package io.kso.operator.model;

/** Label and annotation keys the original components put on schedule objects (armoapi-go). */
public final class ScheduleMetadata {
  public static final String APP = "app";
  public static final String TIER = "armo.tier";
  public static final String JOB_ID = "armo.jobid";
  public static final String CLOUD_JOB_ID = "armo.cloud/jobid";
  public static final String KUBESCAPE_JOB_ID = "app.kubescape/job-id";
  public static final String UPDATE_JOB_ID = "armo.updatejobid";
  public static final String KUBESCAPE_UPDATE_JOB_ID = "app.kubescape/update-job-id";
  public static final String NAMESPACE = "armo.namespace";
  public static final String KUBESCAPE_NAMESPACE = "app.kubescape/namespace";
  public static final String REGISTRY_NAME = "armo.cloud/registryname";
  public static final String HOST_SCANNER = "armo.host-scanner";
  public static final String TARGET_PREFIX = "armo.";

  /** Where the request body sits in the CronJob's pod, and the volume that carries it. */
  public static final String BODY_VOLUME = "request-body-volume";

  public static final String BODY_KEY = "request-body.json";

  /** Secret data key of registry credentials. */
  public static final String REGISTRIES_AUTH = "registriesAuth";

  private ScheduleMetadata() {}
}
