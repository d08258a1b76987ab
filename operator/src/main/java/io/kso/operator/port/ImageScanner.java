package io.kso.operator.port;

import io.kso.common.message.ScanImageRequest;

/** kubevuln, as the operator uses it: queue one image scan. */
public interface ImageScanner {
  void scanImage(ScanImageRequest request);
}
