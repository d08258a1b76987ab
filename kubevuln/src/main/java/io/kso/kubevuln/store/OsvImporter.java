package io.kso.kubevuln.store;

import io.kso.kubevuln.match.PackageNames;
import io.kso.kubevuln.osv.OsvRecord;
import io.kso.kubevuln.osv.OsvRecord.Affected;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a new store from OSV sources and swaps it in: the new file is written beside the current
 * one and renamed over it, so readers see the old store or the new one, never a half-built one. A
 * source that cannot be read, or holds a bad record, fails the whole import and leaves the current
 * store as it was. By default the new store starts as a copy of the current one (records with the
 * same id are replaced); {@code replace} starts it empty.
 */
public final class OsvImporter {
  /**
   * Records whose {@code modified} is before this carry a placeholder (Go's 0001-01-01), not a
   * date.
   */
  private static final Instant PLAUSIBLE = Instant.parse("1990-01-01T00:00:00Z");

  private final Clock clock;

  public OsvImporter(Clock clock) {
    this.clock = clock;
  }

  public ImportResult importInto(Path dir, List<String> sources, boolean replace) {
    Instant start = clock.instant();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Reason.IO, "cannot create " + dir + ": " + e.getMessage(), e);
    }
    try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve(".import.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        throw new StoreException(StoreException.Reason.BUSY, "another import is running in " + dir);
      }
      return build(dir, sources, replace, start);
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.IO, dir + ": " + e.getMessage(), e);
    }
  }

  private ImportResult build(Path dir, List<String> sources, boolean replace, Instant start)
      throws IOException {
    Path current = dir.resolve(StoreCodec.FILE);
    Path next = Files.createTempFile(dir, ".osv-", ".db.tmp");
    boolean swapped = false;
    try {
      if (!replace && Files.isRegularFile(current)) {
        refuseUnreadable(dir);
        Files.copy(current, next, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.delete(next);
      }
      long read;
      long total;
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + next)) {
        read = write(db, dir, sources);
        total = finish(db, sources);
      }
      Files.move(
          next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      swapped = true;
      return new ImportResult(
          read, total, current, Files.size(current), Duration.between(start, clock.instant()));
    } catch (SQLException e) {
      throw new StoreException(
          StoreException.Reason.IO, "building the store: " + e.getMessage(), e);
    } finally {
      if (!swapped) {
        ImportSources.deleteQuietly(next);
      }
    }
  }

  /** A new store starts as a copy of the current one, which must therefore be readable. */
  private static void refuseUnreadable(Path dir) {
    try {
      VulnStore.open(dir).close();
    } catch (StoreException e) {
      throw new StoreException(
          e.reason(), e.getMessage() + "; import with --replace to build a new store", e);
    }
  }

  private static long write(Connection db, Path dir, List<String> sources) throws SQLException {
    try (var st = db.createStatement()) {
      st.execute("PRAGMA journal_mode=OFF");
      st.execute("PRAGMA synchronous=OFF");
      for (String ddl : StoreCodec.SCHEMA) {
        st.execute(ddl);
      }
    }
    db.setAutoCommit(false);
    long read = 0;
    try (var writer = new RecordWriter(db)) {
      for (String source : sources) {
        long n = ImportSources.read(source, dir, writer::put);
        if (n == 0) {
          throw new StoreException(
              StoreException.Reason.BAD_SOURCE, source + ": no OSV records found");
        }
        read += n;
      }
    }
    db.commit();
    return read;
  }

  private long finish(Connection db, List<String> sources) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    long total;
    String newest = null;
    try (var st = db.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT ecosystem, COUNT(DISTINCT vuln_id) FROM affected GROUP BY ecosystem")) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM vuln")) {
        total = rs.next() ? rs.getLong(1) : 0;
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT modified FROM vuln WHERE modified >= '"
                  + PLAUSIBLE
                  + "' ORDER BY modified DESC LIMIT 1")) {
        newest = rs.next() ? rs.getString(1) : null;
      }
    }
    Instant builtAt = clock.instant();
    var meta = new TreeMap<String, String>();
    meta.put("schema", String.valueOf(StoreCodec.SCHEMA_VERSION));
    meta.put("built_at", builtAt.toString());
    meta.put("records", String.valueOf(total));
    meta.put("counts", StoreCodec.json(counts));
    meta.put("sources", StoreCodec.json(sources));
    Instant newestInstant = parseInstant(newest);
    if (newestInstant != null) {
      meta.put("newest_modified", newestInstant.toString());
    }
    try (PreparedStatement del =
            db.prepareStatement("DELETE FROM meta WHERE key = 'newest_modified'");
        PreparedStatement put =
            db.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
      del.executeUpdate();
      for (var e : meta.entrySet()) {
        put.setString(1, e.getKey());
        put.setString(2, e.getValue());
        put.executeUpdate();
      }
    }
    db.commit();
    return total;
  }

  private static Instant parseInstant(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Inserts records, replacing one already stored under the same id. */
  private static final class RecordWriter implements AutoCloseable {
    private final PreparedStatement insertVuln;
    private final PreparedStatement updateVuln;
    private final PreparedStatement deleteAffected;
    private final PreparedStatement insertAffected;

    RecordWriter(Connection db) throws SQLException {
      insertVuln =
          db.prepareStatement(
              "INSERT OR IGNORE INTO vuln(modified, aliases, summary, severity, id) VALUES (?, ?, ?, ?, ?)");
      updateVuln =
          db.prepareStatement(
              "UPDATE vuln SET modified = ?, aliases = ?, summary = ?, severity = ? WHERE id = ?");
      deleteAffected = db.prepareStatement("DELETE FROM affected WHERE vuln_id = ?");
      insertAffected =
          db.prepareStatement(
              "INSERT INTO affected(name_key, ecosystem, vuln_id, data) VALUES (?, ?, ?, ?)");
    }

    void put(OsvRecord r) {
      try {
        bindVuln(insertVuln, r);
        if (insertVuln.executeUpdate() == 0) {
          bindVuln(updateVuln, r);
          updateVuln.executeUpdate();
          deleteAffected.setString(1, r.id());
          deleteAffected.executeUpdate();
        }
        for (Affected a : r.affected()) {
          insertAffected.setString(1, PackageNames.key(a.ecosystem(), a.name()));
          insertAffected.setString(2, a.ecosystem());
          insertAffected.setString(3, r.id());
          insertAffected.setString(4, StoreCodec.affected(a));
          insertAffected.executeUpdate();
        }
      } catch (SQLException e) {
        throw new StoreException(StoreException.Reason.IO, r.id() + ": " + e.getMessage(), e);
      }
    }

    private static void bindVuln(PreparedStatement st, OsvRecord r) throws SQLException {
      st.setString(1, r.modified());
      st.setString(2, StoreCodec.strings(r.aliases()));
      st.setString(3, r.summary());
      st.setString(4, StoreCodec.severity(r.severity()));
      st.setString(5, r.id());
    }

    @Override
    public void close() throws SQLException {
      insertVuln.close();
      updateVuln.close();
      deleteAffected.close();
      insertAffected.close();
    }
  }
}
