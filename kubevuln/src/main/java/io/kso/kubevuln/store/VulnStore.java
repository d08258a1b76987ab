package io.kso.kubevuln.store;

import io.kso.kubevuln.match.AdvisoryIndex;
import io.kso.kubevuln.match.PackageNames;
import io.kso.kubevuln.osv.OsvRecord;
import io.kso.kubevuln.osv.OsvRecord.Affected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import tools.jackson.core.type.TypeReference;

/**
 * A read-only view of the store in a folder ({@code DIR/osv.db}): lookups by package, and status.
 * The file stays on disk; SQLite's page cache holds only what lookups touch. An import that swaps
 * in a new file leaves an open view reading the old one until it is reopened.
 */
public final class VulnStore implements AdvisoryIndex, AutoCloseable {
  private final Path file;
  private final Connection db;
  private final PreparedStatement lookup;

  private VulnStore(Path file, Connection db) throws SQLException {
    this.file = file;
    this.db = db;
    this.lookup =
        db.prepareStatement(
            "SELECT a.ecosystem, a.data, v.id, v.modified, v.aliases, v.summary, v.severity"
                + " FROM affected a JOIN vuln v ON v.id = a.vuln_id WHERE a.name_key = ?");
  }

  /** Opens the store in {@code dir}; fails with {@code NO_STORE} or {@code CORRUPT}. */
  public static VulnStore open(Path dir) {
    Path file = dir.resolve(StoreCodec.FILE);
    if (!Files.isRegularFile(file)) {
      throw new StoreException(
          StoreException.Reason.NO_STORE, "no vulnerability store in " + dir + " (run: db import)");
    }
    try {
      var config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setCacheSize(-8192);
      Connection db = config.createConnection("jdbc:sqlite:" + file);
      try {
        String schema = meta(db).get("schema");
        if (!String.valueOf(StoreCodec.SCHEMA_VERSION).equals(schema)) {
          throw new SQLException("schema version " + schema);
        }
        return new VulnStore(file, db);
      } catch (SQLException e) {
        db.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          StoreException.Reason.CORRUPT,
          file + " is not a vulnerability store: " + e.getMessage(),
          e);
    }
  }

  @Override
  public List<OsvRecord> affecting(String ecosystem, String name) {
    Map<String, List<Affected>> byId = new LinkedHashMap<>();
    Map<String, OsvRecord> records = new HashMap<>();
    try {
      lookup.setString(1, PackageNames.key(ecosystem, name));
      try (ResultSet rs = lookup.executeQuery()) {
        while (rs.next()) {
          if (!PackageNames.ecosystemCovers(ecosystem, rs.getString(1))) {
            continue;
          }
          String id = rs.getString(3);
          byId.computeIfAbsent(id, k -> new ArrayList<>())
              .add(StoreCodec.affected(rs.getString(2)));
          if (!records.containsKey(id)) {
            records.put(
                id,
                new OsvRecord(
                    id,
                    rs.getString(4),
                    StoreCodec.strings(rs.getString(5)),
                    rs.getString(6),
                    StoreCodec.severity(rs.getString(7)),
                    List.of()));
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          StoreException.Reason.IO, "lookup in " + file + ": " + e.getMessage(), e);
    }
    var out = new ArrayList<OsvRecord>(byId.size());
    byId.forEach(
        (id, affected) -> {
          OsvRecord r = records.get(id);
          out.add(
              new OsvRecord(id, r.modified(), r.aliases(), r.summary(), r.severity(), affected));
        });
    return out;
  }

  /** Counts and age; {@code stale} when the data is older than {@code maxAge} at {@code now}. */
  public StoreStatus status(Duration maxAge, Instant now) {
    try {
      Map<String, String> meta = meta(db);
      Instant builtAt = Instant.parse(meta.get("built_at"));
      Instant newest =
          meta.containsKey("newest_modified")
              ? Instant.parse(meta.get("newest_modified"))
              : builtAt;
      Duration age = Duration.between(newest, now);
      Map<String, Long> counts = StoreCodec.read(meta.get("counts"), new TypeReference<>() {});
      List<String> sources = StoreCodec.strings(meta.get("sources"));
      return new StoreStatus(
          builtAt,
          newest,
          Long.parseLong(meta.get("records")),
          counts,
          sources,
          Files.size(file),
          age,
          maxAge,
          age.compareTo(maxAge) > 0);
    } catch (SQLException | java.io.IOException | RuntimeException e) {
      throw new StoreException(
          StoreException.Reason.CORRUPT, file + ": unreadable status: " + e.getMessage(), e);
    }
  }

  static Map<String, String> meta(Connection db) throws SQLException {
    var out = new HashMap<String, String>();
    try (var st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      lookup.close();
      db.close();
    } catch (SQLException e) {
      throw new StoreException(StoreException.Reason.IO, e.getMessage(), e);
    }
  }
}
