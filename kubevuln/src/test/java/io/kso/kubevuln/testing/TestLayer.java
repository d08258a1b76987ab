package io.kso.kubevuln.testing;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** A layer built in memory: tar entries, then gzip, zstd or nothing. */
public final class TestLayer {
  /** How the layer tar is compressed. */
  public enum Compression {
    GZIP,
    ZSTD,
    NONE
  }

  private record Entry(String name, byte[] content, int mode, byte type, String link) {}

  private static final java.util.Date FIXED_TIME = new java.util.Date(1_700_000_000_000L);

  private final List<Entry> entries = new ArrayList<>();
  private Compression compression = Compression.GZIP;

  public TestLayer file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  public TestLayer file(String name, byte[] content, int mode) {
    entries.add(new Entry(name, content, mode, TarConstants.LF_NORMAL, null));
    return this;
  }

  public TestLayer directory(String name) {
    entries.add(
        new Entry(
            name.endsWith("/") ? name : name + "/", new byte[0], 0755, TarConstants.LF_DIR, null));
    return this;
  }

  public TestLayer symlink(String name, String target) {
    entries.add(new Entry(name, new byte[0], 0777, TarConstants.LF_SYMLINK, target));
    return this;
  }

  public TestLayer hardlink(String name, String target) {
    entries.add(new Entry(name, new byte[0], 0644, TarConstants.LF_LINK, target));
    return this;
  }

  /** A whiteout: {@code path} of lower layers is deleted. */
  public TestLayer whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return file(
        path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0644);
  }

  public TestLayer opaque(String directory) {
    return file(directory + "/.wh..wh..opq", new byte[0], 0644);
  }

  /** Every file under {@code root}, placed under {@code prefix} in the image. */
  public TestLayer tree(Path root, String prefix) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String relative = root.relativize(f).toString().replace('\\', '/');
        file(prefix + relative, Files.readAllBytes(f), 0644);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public TestLayer compression(Compression c) {
    this.compression = c;
    return this;
  }

  public Compression compression() {
    return compression;
  }

  /** The uncompressed tar. */
  public byte[] tar() {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
        entry.setMode(e.mode() | (e.type() == TarConstants.LF_DIR ? 040000 : 0100000));
        if (e.link() != null) {
          entry.setLinkName(e.link());
        }
        entry.setSize(e.type() == TarConstants.LF_NORMAL ? e.content().length : 0);
        // A constant time: the same layer gives the same bytes (and digest) however often built.
        entry.setModTime(FIXED_TIME);
        tar.putArchiveEntry(entry);
        if (e.type() == TarConstants.LF_NORMAL) {
          tar.write(e.content());
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The blob as pushed: the tar, compressed. */
  public byte[] blob() {
    return compress(tar(), compression);
  }

  public static byte[] compress(byte[] data, Compression compression) {
    var bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        switch (compression) {
          case GZIP -> new GZIPOutputStream(bytes);
          case ZSTD -> new ZstdOutputStream(bytes);
          case NONE -> bytes;
        }) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public String mediaType() {
    return switch (compression) {
      case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
      case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
      case NONE -> "application/vnd.oci.image.layer.v1.tar";
    };
  }

  /** A tar holding one file of {@code size} zero bytes, gzipped without holding it in memory. */
  public static byte[] gzippedTarOfZeros(long size) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry e = new TarArchiveEntry("zeros");
      e.setSize(size);
      tar.putArchiveEntry(e);
      byte[] chunk = new byte[1024 * 1024];
      for (long written = 0; written < size; written += chunk.length) {
        tar.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
