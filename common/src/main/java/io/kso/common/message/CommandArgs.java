package io.kso.common.message;

/** Well-known keys of {@link Command#args()}. */
public final class CommandArgs {
  /** {@link CronJobParams}. */
  public static final String JOB_PARAMS = "jobParams";

  /** Legacy spelling of {@link #JOB_PARAMS}, honoured second. */
  public static final String KUBESCAPE_JOB_PARAMS = "kubescapeJobParams";

  /** Legacy: the schedule as a plain string. */
  public static final String CRON_TAB_SCHEDULE = "cronTabSchedule";

  /** Pod label selector, a map. */
  public static final String LABELS = "labels";

  /** Pod field selector, a map. */
  public static final String FIELD_SELECTOR = "fieldSelector";

  /** {@link PostScanRequest}. */
  public static final String SCAN_V1 = "scanV1";

  /** {@link RegistryInfo}. */
  public static final String REGISTRY_INFO = "registryInfo-v1";

  /** Container name to image id, internal to the operator. */
  public static final String CONTAINER_TO_IMAGE_IDS = "containerToImageIDs";

  private CommandArgs() {}
}
