package io.kso.kubevuln.service.port;

import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.service.ScanJob;

/** Reads an image and lists what is installed in it. */
public interface ImageSboms {
  /** Pulls the job's image (with its credentials) and makes its SBOM. */
  Sbom generate(ScanJob job);
}
