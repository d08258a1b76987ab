package io.kso.operator.port;

import io.kso.common.message.PostScanRequest;

/** kubescape-svc, as the operator uses it: start a posture scan, then ask how it is going. */
public interface PostureScanner {
  /** What kubescape-svc says of a scan. */
  record ScanState(String id, boolean busy, String detail) {}

  ScanState start(PostScanRequest request);

  ScanState status(String scanId);
}
