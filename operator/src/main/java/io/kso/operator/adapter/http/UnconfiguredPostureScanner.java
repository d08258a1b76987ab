package io.kso.operator.adapter.http;

import io.kso.common.message.PostScanRequest;
import io.kso.operator.port.PostureScanner;
import io.kso.operator.port.ScannerException;

/** Stands in when clusterData names no kubescape-svc: every scan fails with that reason. */
public final class UnconfiguredPostureScanner implements PostureScanner {
  @Override
  public boolean ready() {
    return false;
  }

  @Override
  public ScanState start(PostScanRequest request) {
    throw new ScannerException(
        "clusterData has no kubescapeURL: posture scans cannot be started", null);
  }

  @Override
  public ScanState status(String scanId) {
    return start(null);
  }
}
