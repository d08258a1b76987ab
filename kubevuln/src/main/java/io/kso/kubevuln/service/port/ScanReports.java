package io.kso.kubevuln.service.port;

import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanResult;

/** Where the life of a scan and its results go: the event receiver, or local files. */
public interface ScanReports {
  /** A step of the job: {@code started}, {@code success}, {@code done}; or a failure. */
  void status(ScanJob job, String step, String error);

  /** The scan's findings. */
  void results(ScanResult result);
}
