package io.kso.kubevuln.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's manifest and blobs come from: a registry, an OCI layout directory or a
 * docker-archive tar. Sources return raw bytes; {@link ImageReader} checks sizes and digests.
 */
public interface ImageSource extends AutoCloseable {
  /** Reads the manifest (choosing a platform from an index) and lists the blobs to read. */
  ResolvedImage resolve();

  /** Opens one blob of the resolved image; the caller closes the stream. */
  InputStream openBlob(Descriptor blob) throws IOException;

  @Override
  void close();
}
