package io.kso.operator.port;

import io.kso.common.message.SystemReport;

/** Where job status goes: the event receiver's sysreport path, when one is configured. */
public interface JobReporter {
  /** Best effort: a report that cannot be delivered is logged, never thrown. */
  void report(SystemReport report);
}
