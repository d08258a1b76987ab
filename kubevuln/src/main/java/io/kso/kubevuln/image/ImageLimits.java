package io.kso.kubevuln.image;

/**
 * Safety limits for reading an untrusted image.
 *
 * @param maxImageSize the most bytes the image may hold: compressed, as the manifest declares, and
 *     uncompressed, as the layers are read
 * @param maxCompressionRatio how many times larger than its compressed form a layer may grow
 *     (beyond a small allowance), so that a decompression bomb is stopped early
 * @param maxFileSize the largest single file handed to a cataloger
 */
public record ImageLimits(long maxImageSize, int maxCompressionRatio, long maxFileSize) {
  public static final long MIB = 1024L * 1024;

  /** Decompression below this many bytes is never counted as a bomb. */
  public static final long RATIO_ALLOWANCE = 8 * MIB;

  public static final ImageLimits DEFAULT = new ImageLimits(8L * 1024 * MIB, 200, 512 * MIB);

  public ImageLimits {
    if (maxImageSize <= 0 || maxCompressionRatio < 1 || maxFileSize <= 0) {
      throw new IllegalArgumentException("image limits must be positive");
    }
  }

  public ImageLimits withMaxImageSize(long bytes) {
    return new ImageLimits(bytes, maxCompressionRatio, maxFileSize);
  }

  public ImageLimits withMaxCompressionRatio(int ratio) {
    return new ImageLimits(maxImageSize, ratio, maxFileSize);
  }
}
