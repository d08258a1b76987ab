package io.kso.kubescape.adapter.files;

import io.kso.kubescape.port.ResultStore;
import io.kso.kubescape.port.ResultStoreException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reports as files on the results volume, one per scan ID ({@code <id>.json}), written to a
 * temporary file and moved into place, so that a reader or a restart never sees half a report. The
 * newest {@code keep} are kept; on a persistent volume they outlive the pod.
 */
public final class FileResultStore implements ResultStore {
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final int keep;

  public FileResultStore(Path dir, int keep) {
    this.dir = dir;
    this.keep = keep;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> leftovers = Files.list(dir)) {
        for (Path p : leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("results directory " + dir + " cannot be used", e);
    }
  }

  @Override
  public void save(String scanId, ReportWriter writer) {
    Path target = file(scanId).orElseThrow(() -> new IllegalArgumentException("bad scan ID"));
    Path tmp = dir.resolve(scanId + SUFFIX + ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.write(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(tmp);
      throw new ResultStoreException("the report of " + scanId + " could not be written: " + e, e);
    }
    prune();
  }

  @Override
  public Optional<Path> find(String scanId) {
    return file(scanId).filter(Files::isRegularFile);
  }

  @Override
  public Optional<String> newest() {
    return reports().stream().findFirst().map(FileResultStore::idOf);
  }

  @Override
  public boolean delete(String scanId) {
    Optional<Path> file = find(scanId);
    if (file.isEmpty()) {
      return false;
    }
    return deleteQuietly(file.get());
  }

  @Override
  public int deleteAll() {
    int n = 0;
    for (Path p : reports()) {
      n += deleteQuietly(p) ? 1 : 0;
    }
    return n;
  }

  private Optional<Path> file(String scanId) {
    if (scanId == null || !SAFE_ID.matcher(scanId).matches()) {
      return Optional.empty();
    }
    return Optional.of(dir.resolve(scanId + SUFFIX));
  }

  /** The reports, newest first. */
  private List<Path> reports() {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> out = new ArrayList<>(files.filter(FileResultStore::isReport).toList());
      out.sort(Comparator.comparing(FileResultStore::modified).reversed());
      return out;
    } catch (IOException e) {
      throw new ResultStoreException("the results directory cannot be listed: " + e, e);
    }
  }

  private void prune() {
    List<Path> all = reports();
    for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
      deleteQuietly(old);
    }
  }

  private static boolean isReport(Path p) {
    return p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p);
  }

  private static String idOf(Path p) {
    String name = p.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static boolean deleteQuietly(Path p) {
    try {
      return Files.deleteIfExists(p);
    } catch (IOException e) {
      return false;
    }
  }
}
