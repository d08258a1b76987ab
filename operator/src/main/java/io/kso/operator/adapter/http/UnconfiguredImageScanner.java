package io.kso.operator.adapter.http;

import io.kso.common.message.ScanImageRequest;
import io.kso.operator.port.ImageScanner;
import io.kso.operator.port.ScannerException;

/** Stands in when clusterData names no kubevuln: every image scan fails with that reason. */
public final class UnconfiguredImageScanner implements ImageScanner {
  @Override
  public void scanImage(ScanImageRequest request) {
    throw new ScannerException("clusterData has no kubevulnURL: images cannot be scanned", null);
  }
}
