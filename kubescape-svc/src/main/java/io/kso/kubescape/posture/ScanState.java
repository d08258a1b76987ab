package io.kso.kubescape.posture;

/** Where a scan is. */
public enum ScanState {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  public boolean busy() {
    return this == QUEUED || this == RUNNING;
  }
}
