package io.kso.kubevuln.image;

import com.github.luben.zstd.ZstdInputStream;
import io.kso.kubevuln.image.ImageException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams an image's layers to a {@link LayerVisitor}: each blob is read once, decompressed on the
 * fly (gzip, zstd or none), checked against its size and digest, and held to {@link ImageLimits}.
 * Nothing is written to disk and no layer is held in memory.
 */
public final class ImageReader {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private static final int BUFFER = 64 * 1024;

  private final ImageLimits limits;

  public ImageReader(ImageLimits limits) {
    this.limits = limits;
  }

  /** Reads the whole image; returns what was resolved, once every blob has been verified. */
  public ResolvedImage read(ImageSource source, LayerVisitor visitor) {
    ResolvedImage image = source.resolve();
    long declared = image.layers().stream().mapToLong(d -> Math.max(d.size(), 0)).sum();
    if (declared > limits.maxImageSize()) {
      throw tooLarge("its layers declare " + declared + " bytes");
    }
    List<String> diffIds = ImageConfig.read(source, image.config()).diffIds();
    long[] total = {0};
    for (int i = 0; i < image.layers().size(); i++) {
      Descriptor layer = image.layers().get(i);
      String diffId = i < diffIds.size() ? diffIds.get(i) : null;
      visitor.startLayer(i, layer);
      readLayer(source, i, layer, layer.digest() == null ? diffId : null, visitor, total);
    }
    return image;
  }

  private void readLayer(
      ImageSource source,
      int index,
      Descriptor layer,
      String diffId,
      LayerVisitor visitor,
      long[] total) {
    String what =
        "layer " + index + " (" + (layer.digest() == null ? "no digest" : layer.digest()) + ")";
    try (InputStream raw = source.openBlob(layer);
        var blob =
            new ReadAheadInputStream(
                new VerifyingInputStream(raw, what, layer.digest(), layer.size()),
                "layer-" + index + "-reader")) {
      try {
        total[0] = walkLayer(blob, what, diffId, visitor, total[0]);
      } catch (IOException | UncheckedIOException e) {
        throw corrupt(blob, what, e);
      }
    } catch (IOException e) {
      throw new ImageException(Reason.IO, what + " could not be opened: " + message(e), e);
    }
  }

  /** Streams one layer; returns the image's uncompressed byte count so far. */
  private long walkLayer(
      ReadAheadInputStream blob, String what, String diffId, LayerVisitor visitor, long total)
      throws IOException {
    var buffered = new BufferedInputStream(blob, BUFFER);
    InputStream plain = decompress(buffered);
    boolean compressed = plain != buffered;
    var counted = new LimitedInputStream(plain, what, compressed ? blob::count : null, total);
    var uncompressed =
        diffId == null
            ? counted
            : new VerifyingInputStream(counted, what + " (uncompressed)", diffId, -1);
    walkTar(new TarArchiveInputStream(uncompressed), visitor);
    drain(uncompressed);
    if (uncompressed instanceof VerifyingInputStream v) {
      v.finish();
    }
    blob.finish();
    return counted.total();
  }

  /**
   * A layer that cannot be decompressed or untarred: if its bytes do not match its digest, that is
   * the clearer error (the blob was altered or truncated), else the layer itself is corrupt.
   */
  private static ImageException corrupt(ReadAheadInputStream blob, String what, Exception e) {
    try {
      blob.finish();
    } catch (ImageException mismatch) {
      mismatch.addSuppressed(e);
      return mismatch;
    } catch (IOException | UncheckedIOException ignored) {
      // the transfer failed as well: report the first failure
    }
    return new ImageException(Reason.CORRUPT_LAYER, what + " could not be read: " + message(e), e);
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static InputStream decompress(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    }
    if (magic.length == 4
        && (magic[0] & 0xff) == 0x28
        && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f
        && (magic[3] & 0xff) == 0xfd) {
      return new BufferedInputStream(new ZstdInputStream(in), BUFFER);
    }
    return in;
  }

  private void walkTar(TarArchiveInputStream tar, LayerVisitor visitor) throws IOException {
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String path = ImagePaths.entry(entry.getName());
      if (path.equals("/")) {
        continue;
      }
      String name = ImagePaths.fileName(path);
      if (name.startsWith(WHITEOUT)) {
        whiteout(path, name, visitor);
      } else if (entry.isSymbolicLink()) {
        visitor.symlink(path, ImagePaths.symlinkTarget(path, entry.getLinkName()));
      } else if (entry.isLink()) {
        visitor.hardlink(path, ImagePaths.entry(entry.getLinkName()));
      } else if (entry.isFile()) {
        visitor.file(path, entry.getSize(), entry.getMode(), tar);
      }
    }
  }

  private static void whiteout(String path, String name, LayerVisitor visitor) {
    String directory = ImagePaths.parent(path);
    if (name.equals(OPAQUE)) {
      visitor.clearDirectory(directory);
    } else if (!name.startsWith(WHITEOUT + WHITEOUT)) {
      visitor.remove(ImagePaths.child(directory, name.substring(WHITEOUT.length())));
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    while (in.read(buffer) >= 0) {
      // the rest of the layer still counts towards the limits and the digest
    }
  }

  private ImageException tooLarge(String detail) {
    return new ImageException(
        Reason.TOO_LARGE,
        "image is larger than the limit of " + limits.maxImageSize() + " bytes: " + detail);
  }

  /** Counts uncompressed bytes against the image size limit and the compression ratio. */
  private final class LimitedInputStream extends ObservedInputStream {
    private final String what;
    private final LongSupplier compressedCount;
    private final long start;
    private long total;

    LimitedInputStream(
        InputStream in, String what, LongSupplier compressedCount, long totalBefore) {
      super(in);
      this.what = what;
      this.compressedCount = compressedCount;
      this.total = totalBefore;
      this.start = totalBefore;
    }

    long total() {
      return total;
    }

    @Override
    void observe(byte[] b, int off, int n) {
      total += n;
      check();
    }

    private void check() {
      if (total > limits.maxImageSize()) {
        throw tooLarge("uncompressed content passed the limit in " + what);
      }
      if (compressedCount != null) {
        long layerBytes = total - start;
        long allowed =
            limits.maxCompressionRatio() * Math.max(compressedCount.getAsLong(), 1)
                + ImageLimits.RATIO_ALLOWANCE;
        if (layerBytes > allowed) {
          throw new ImageException(
              Reason.DECOMPRESSION_BOMB,
              what
                  + " expands more than "
                  + limits.maxCompressionRatio()
                  + " times its compressed size (decompression bomb)");
        }
      }
    }
  }
}
