package io.kso.kubevuln.service;

import io.kso.common.message.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SBOMs on disk by image digest ({@code <hex>.cdx.json}), each with the last job that scanned it
 * ({@code <hex>.job.json}), so that the same digest is never pulled twice and new vulnerability
 * data can be matched again without the registry. At most {@code capacity} images are kept; the
 * least recently written go first.
 */
public final class SbomCache {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final String SBOM = ".cdx.json";
  private static final String JOB = ".job.json";

  private final Path dir;
  private final int capacity;

  public SbomCache(Path dir, int capacity) {
    this.dir = dir;
    this.capacity = capacity;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SBOM cache " + dir, e);
    }
  }

  /** The cached CycloneDX SBOM of this digest, if any. */
  public Optional<Path> sbom(String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      return Optional.empty();
    }
    Path file = dir.resolve(hex(digest) + SBOM);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Stores the SBOM and the job; returns the SBOM's file. */
  public synchronized Path put(String digest, String cycloneDx, ScanJob job) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not an image digest: " + digest);
    }
    Path file = dir.resolve(hex(digest) + SBOM);
    write(file, cycloneDx);
    remember(digest, job);
    evict();
    return file;
  }

  /** Records the latest job for a cached digest, for re-matching. */
  public synchronized void remember(String digest, ScanJob job) {
    write(dir.resolve(hex(digest) + JOB), WireJson.writeString(job.withoutCredentials()));
  }

  /** Every cached image with its last job, for matching against new data. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path sbom : files.filter(p -> p.toString().endsWith(SBOM)).sorted().toList()) {
        String hex = sbom.getFileName().toString().replace(SBOM, "");
        Path job = dir.resolve(hex + JOB);
        if (Files.isRegularFile(job)) {
          out.add(
              new Entry(
                  "sha256:" + hex, sbom, WireJson.read(Files.readAllBytes(job), ScanJob.class)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the SBOM cache " + dir, e);
    }
    return out;
  }

  public record Entry(String digest, Path sbom, ScanJob job) {}

  private void evict() {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sboms =
          files
              .filter(p -> p.toString().endsWith(SBOM))
              .sorted(Comparator.comparing(SbomCache::modified))
              .toList();
      for (int i = 0; i < sboms.size() - capacity; i++) {
        String hex = sboms.get(i).getFileName().toString().replace(SBOM, "");
        Files.deleteIfExists(sboms.get(i));
        Files.deleteIfExists(dir.resolve(hex + JOB));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot trim the SBOM cache " + dir, e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void write(Path file, String content) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String hex(String digest) {
    return digest.substring("sha256:".length());
  }
}
