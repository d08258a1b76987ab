package io.kso.operator.schedule;

/** A schedule command that cannot be carried out against the cluster as it is. */
public class ScheduleException extends RuntimeException {
  public ScheduleException(String message) {
    super(message);
  }
}
