package io.kso.operator.testing;

import io.kso.common.message.SystemReport;
import io.kso.operator.port.JobReporter;
import java.util.ArrayList;
import java.util.List;

/** Keeps every sysreport, in the order they were sent. */
public final class RecordingJobReporter implements JobReporter {
  private final List<SystemReport> reports = new ArrayList<>();

  @Override
  public synchronized void report(SystemReport report) {
    reports.add(report);
  }

  public synchronized List<SystemReport> reports() {
    return List.copyOf(reports);
  }

  /** {@code status: details} of each report, e.g. {@code started: Handling single request}. */
  public synchronized List<String> steps() {
    return reports.stream().map(r -> r.status() + ": " + r.details()).toList();
  }

  public synchronized boolean finished() {
    return reports.stream()
        .anyMatch(r -> "done".equals(r.status()) || "failure".equals(r.status()));
  }
}
