package io.kso.operator.port;

import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.ScanImageRequest;

/** kubevuln, as the operator uses it: queue image scans. */
public interface ImageScanner {
  /** An image running in the cluster ({@code POST /v1/scanImage}). */
  void scanImage(ScanImageRequest request);

  /** An image of a registry ({@code POST /v1/scanRegistryImage}). */
  void scanRegistryImage(RegistryScanRequest request);
}
