package io.kso.operator.adapter.http;

import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.ScanImageRequest;
import io.kso.operator.port.ImageScanner;
import io.kso.operator.port.ScannerException;

/** Stands in when clusterData names no kubevuln: every image scan fails with that reason. */
public final class UnconfiguredImageScanner implements ImageScanner {
  private static final String REASON = "clusterData has no kubevulnURL: images cannot be scanned";

  @Override
  public void scanImage(ScanImageRequest request) {
    throw new ScannerException(REASON, null);
  }

  @Override
  public void scanRegistryImage(RegistryScanRequest request) {
    throw new ScannerException(REASON, null);
  }
}
