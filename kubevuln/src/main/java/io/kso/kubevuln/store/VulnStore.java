package io.kso.kubevuln.store;

import io.kso.kubevuln.match.AdvisoryIndex;
import io.kso.kubevuln.match.PackageNames;
import io.kso.kubevuln.osv.OsvRecord;
import io.kso.kubevuln.osv.OsvRecord.Affected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * A read-only view of the store in a folder ({@code DIR/osv.db}): lookups by package, and status.
 * The file stays on disk; SQLite's page cache holds only what lookups touch. An import that swaps
 * in a new file leaves an open view reading the old one until it is reopened.
 */
public final class VulnStore implements AdvisoryIndex, AutoCloseable {
  /** Names per query in {@link #affectingAll}; below SQLite's parameter limit. */
  private static final int BATCH = 500;

  private static final String SELECT =
      "SELECT a.name_key, a.ecosystem, a.data, v.id, v.modified, v.aliases, v.summary, v.severity"
          + " FROM affected a JOIN vuln v ON v.id = a.vuln_id WHERE a.name_key IN (";

  private final Path file;
  private final Connection db;
  private final StoreStatus opened;

  private VulnStore(Path file, Connection db, StoreStatus opened) {
    this.file = file;
    this.db = db;
    this.opened = opened;
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
        Map<String, String> meta = meta(db);
        String schema = meta.get("schema");
        if (!String.valueOf(StoreCodec.SCHEMA_VERSION).equals(schema)) {
          throw new SQLException("schema version " + schema);
        }
        return new VulnStore(file, db, status(file, meta));
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
    Lookup l = new Lookup(ecosystem, name);
    return affectingAll(List.of(l)).get(l);
  }

  @Override
  public Map<Lookup, List<OsvRecord>> affectingAll(Collection<Lookup> lookups) {
    var keys = new ArrayList<>(new LinkedHashSet<>(lookups.stream().map(VulnStore::key).toList()));
    Map<String, List<Row>> rows = new HashMap<>();
    for (int i = 0; i < keys.size(); i += BATCH) {
      rows.putAll(rows(keys.subList(i, Math.min(keys.size(), i + BATCH))));
    }
    var out = new HashMap<Lookup, List<OsvRecord>>();
    for (Lookup l : lookups) {
      out.put(l, records(l.ecosystem(), rows.getOrDefault(key(l), List.of())));
    }
    return out;
  }

  private static String key(Lookup l) {
    return PackageNames.key(l.ecosystem(), l.name());
  }

  /** One affected entry of one record, as stored; decoded only when its ecosystem is wanted. */
  private record Row(
      String ecosystem,
      String data,
      String id,
      String modified,
      String aliases,
      String summary,
      String severity) {}

  private Map<String, List<Row>> rows(List<String> keys) {
    String sql = SELECT + "?,".repeat(keys.size() - 1) + "?)";
    var out = new HashMap<String, List<Row>>();
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < keys.size(); i++) {
        st.setString(i + 1, keys.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          var row =
              new Row(
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8));
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(row);
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          StoreException.Reason.IO, "lookup in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static List<OsvRecord> records(String ecosystem, List<Row> rows) {
    Map<String, List<Affected>> byId = new LinkedHashMap<>();
    Map<String, Row> first = new HashMap<>();
    for (Row row : rows) {
      if (PackageNames.ecosystemCovers(ecosystem, row.ecosystem)) {
        byId.computeIfAbsent(row.id, k -> new ArrayList<>()).add(StoreCodec.affected(row.data));
        first.putIfAbsent(row.id, row);
      }
    }
    var out = new ArrayList<OsvRecord>(byId.size());
    byId.forEach(
        (id, affected) -> {
          Row r = first.get(id);
          out.add(
              new OsvRecord(
                  id,
                  r.modified,
                  StoreCodec.strings(r.aliases),
                  r.summary,
                  StoreCodec.severity(r.severity),
                  affected));
        });
    return out;
  }

  /** Counts and age; {@code stale} when the data is older than {@code maxAge} at {@code now}. */
  /**
   * What the store holds, read once when it was opened (a store never changes once written), and
   * its age at {@code now}.
   */
  public StoreStatus status(Duration maxAge, Instant now) {
    return opened.at(maxAge, now);
  }

  private static StoreStatus status(Path file, Map<String, String> meta) throws SQLException {
    try {
      Instant builtAt = Instant.parse(meta.get("built_at"));
      Instant newest =
          meta.containsKey("newest_modified")
              ? Instant.parse(meta.get("newest_modified"))
              : builtAt;
      // age and staleness are filled in per call by status(maxAge, now)
      return new StoreStatus(
          builtAt,
          newest,
          Long.parseLong(meta.get("records")),
          StoreCodec.counts(meta.get("counts")),
          StoreCodec.jsonStrings(meta.get("sources")),
          Files.size(file),
          Duration.ZERO,
          Duration.ZERO,
          false);
    } catch (IOException | RuntimeException e) {
      throw new SQLException("unreadable status: " + e.getMessage(), e);
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
      db.close();
    } catch (SQLException e) {
      throw new StoreException(StoreException.Reason.IO, e.getMessage(), e);
    }
  }
}
