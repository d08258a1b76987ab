package io.kso.operator.testing;

import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.ScanImageRequest;
import io.kso.operator.port.ImageScanner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** kubevuln as a test sees it: every request the operator sent, in order. */
public final class RecordingImageScanner implements ImageScanner {
  public final List<ScanImageRequest> images = new CopyOnWriteArrayList<>();
  public final List<RegistryScanRequest> registryImages = new CopyOnWriteArrayList<>();

  @Override
  public void scanImage(ScanImageRequest request) {
    images.add(request);
  }

  @Override
  public void scanRegistryImage(RegistryScanRequest request) {
    registryImages.add(request);
  }
}
