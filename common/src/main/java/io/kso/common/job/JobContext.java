package io.kso.common.job;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * Puts an action's {@code jobId} and {@code parentId} into the logging context for as long as the
 * scope is open, so that every log line of the action carries them. Scopes nest: closing one
 * restores the ids that were there before.
 */
public final class JobContext implements AutoCloseable {
  public static final String JOB_ID = "jobId";
  public static final String PARENT_ID = "parentId";

  private final String previousJobId;
  private final String previousParentId;

  private JobContext(String jobId, String parentId) {
    previousJobId = MDC.get(JOB_ID);
    previousParentId = MDC.get(PARENT_ID);
    MDC.put(JOB_ID, jobId);
    MDC.put(PARENT_ID, parentId == null ? "" : parentId);
  }

  /** Opens a scope for a job; a missing job id gets a new one. */
  public static JobContext open(String jobId, String parentId) {
    return new JobContext(jobId == null || jobId.isEmpty() ? newJobId() : jobId, parentId);
  }

  /** Opens a scope for a sub-action of the job in the current scope. */
  public static JobContext child() {
    return new JobContext(newJobId(), MDC.get(JOB_ID));
  }

  public static String newJobId() {
    return UUID.randomUUID().toString();
  }

  public String jobId() {
    return MDC.get(JOB_ID);
  }

  public String parentId() {
    return MDC.get(PARENT_ID);
  }

  @Override
  public void close() {
    restore(JOB_ID, previousJobId);
    restore(PARENT_ID, previousParentId);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
