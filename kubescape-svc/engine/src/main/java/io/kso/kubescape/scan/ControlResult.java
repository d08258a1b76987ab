package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.engine.Finding;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A control's outcome over the scanned resources.
 *
 * @param evaluated the resources the control's rules looked at (indices into the table)
 * @param notPassed failed or excepted resources by ID; every other evaluated one passed
 * @param notPassedAt the indices of the resources of {@code notPassed}
 * @param findings the findings per failed or excepted resource ID ("" for findings tied to no
 *     object)
 * @param exceptions the exception that covers each excepted resource ID
 * @param skipReason why the control was not evaluated ({@code SKIPPED}), for people: its rules are
 *     not in the bundle, objects it needs could not be read, nothing was scanned; empty otherwise
 */
public record ControlResult(
    ControlSpec control,
    Status status,
    ResourceTable table,
    BitSet evaluated,
    Map<String, Status> notPassed,
    BitSet notPassedAt,
    Map<String, List<Finding>> findings,
    Map<String, String> exceptions,
    Scores scores,
    String skipReason) {

  public ControlResult {
    skipReason = skipReason == null ? "" : skipReason;
  }

  /** An evaluated control's result. */
  public ControlResult(
      ControlSpec control,
      Status status,
      ResourceTable table,
      BitSet evaluated,
      Map<String, Status> notPassed,
      BitSet notPassedAt,
      Map<String, List<Finding>> findings,
      Map<String, String> exceptions,
      Scores scores) {
    this(
        control,
        status,
        table,
        evaluated,
        notPassed,
        notPassedAt,
        findings,
        exceptions,
        scores,
        "");
  }

  /** A control that was not evaluated, and why: it looked at nothing and has no scores. */
  public static ControlResult skipped(ControlSpec control, ResourceTable table, String reason) {
    return new ControlResult(
        control,
        Status.SKIPPED,
        table,
        new BitSet(),
        Map.of(),
        new BitSet(),
        Map.of(),
        Map.of(),
        new Scores(0, 0, 0, 0),
        reason);
  }

  /** The status of one resource, or null when the control did not look at it. */
  public Status status(String id) {
    int i = table == null ? -1 : table.indexOf(id);
    return i >= 0 ? status(i) : notPassed.get(id);
  }

  /**
   * The status of the resource at this table index, or null when the control did not look at it.
   */
  public Status status(int index) {
    if (!evaluated.get(index)) {
      return null;
    }
    return notPassedAt.get(index) ? notPassed.get(table.get(index).id()) : Status.PASSED;
  }

  public boolean looksAt(int index) {
    return evaluated.get(index);
  }

  public long count(Status s) {
    if (s == Status.PASSED) {
      return evaluated.cardinality() - notPassed.size();
    }
    return notPassed.values().stream().filter(x -> x == s).count();
  }

  public int size() {
    return evaluated.cardinality();
  }

  /** Every resource the control looked at with its status (built on demand). */
  public Map<String, Status> resources() {
    Map<String, Status> out = new LinkedHashMap<>();
    for (int i = evaluated.nextSetBit(0); i >= 0; i = evaluated.nextSetBit(i + 1)) {
      String id = table.get(i).id();
      out.put(id, notPassed.getOrDefault(id, Status.PASSED));
    }
    return out;
  }

  /**
   * Risk and compliance scores (0-100), Kubescape's way.
   *
   * @param risk 100 × weighted failed ÷ weighted all (0 when nothing was evaluated)
   * @param compliance 100 when passed, else passed (with excepted) ÷ all × 100
   * @param failedWeight baseScore × Σ weight of failed resources (the unnormalised risk)
   * @param allWeight baseScore × Σ weight of all resources (the worst case)
   */
  public record Scores(double risk, double compliance, double failedWeight, double allWeight) {}
}
