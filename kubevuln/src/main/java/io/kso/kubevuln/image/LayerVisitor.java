package io.kso.kubevuln.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the entries of an image's layers, bottom layer first, after {@link ImageReader} has
 * checked and normalised them. Paths are absolute inside the image ({@code /etc/os-release}) and
 * never leave it; whiteouts come as {@link #remove} and {@link #clearDirectory}.
 */
public interface LayerVisitor {
  void startLayer(int index, Descriptor layer);

  /** A regular file; {@code content} is readable up to {@code size} bytes during this call only. */
  void file(String path, long size, int mode, InputStream content) throws IOException;

  /** A symbolic link whose target, resolved inside the image, is {@code target}. */
  void symlink(String path, String target);

  /** A hard link to {@code target}, an earlier entry. */
  void hardlink(String path, String target);

  /** A whiteout: {@code path} and everything under it from lower layers is gone. */
  void remove(String path);

  /** An opaque directory: what lower layers had under {@code directory} is gone. */
  void clearDirectory(String directory);
}
