package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds packages in one file of an image, reading it as a stream. Catalogers see each file of each
 * layer they accept; files removed or replaced by later layers are dropped afterwards.
 */
public interface Cataloger {
  /** Whether this cataloger wants the file; must be cheap, it is asked for every file. */
  boolean accepts(String path, long size, int mode);

  /** The packages {@code content} (the file at {@code path}) records. */
  List<SbomPackage> catalog(String path, InputStream content) throws IOException;
}
