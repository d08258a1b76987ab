package io.kso.kubescape.scan;

/** A result's status, as Kubescape names them. */
public enum Status {
  PASSED("passed"),
  FAILED("failed"),
  /** Failed but covered by an exception: counted as passed, reported as excepted. */
  EXCEPTED("passed"),
  /**
   * The control was not evaluated: none of its rules is in the bundle, objects it needs could not
   * be read, or nothing was scanned ({@link ControlResult#skipReason()} says which). A report that
   * scanned nothing is skipped as a whole ({@link ScanReport#status()}).
   */
  SKIPPED("skipped");

  private final String wire;

  Status(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Kubescape's subStatus: "w/exceptions" for excepted results. */
  public String subStatus() {
    return this == EXCEPTED ? "w/exceptions" : "";
  }
}
