package io.kso.kubevuln.store;

import io.kso.kubevuln.osv.OsvRecord.Affected;
import io.kso.kubevuln.osv.OsvRecord.Event;
import io.kso.kubevuln.osv.OsvRecord.Range;
import io.kso.kubevuln.osv.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's table layout and how record parts are kept in its text columns. What lookups read
 * (affected entries, aliases, severity) is a flat text form split on ASCII control characters,
 * which is several times cheaper to read back than JSON in a fresh JVM; metadata is JSON.
 */
final class StoreCodec {
  static final String FILE = "osv.db";
  static final int SCHEMA_VERSION = 3;
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS vuln(id TEXT PRIMARY KEY, modified TEXT NOT NULL,"
              + " aliases TEXT NOT NULL, summary TEXT NOT NULL, severity TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS affected(name_key TEXT NOT NULL, ecosystem TEXT NOT NULL,"
              + " vuln_id TEXT NOT NULL, data TEXT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS affected_name ON affected(name_key)",
          "CREATE INDEX IF NOT EXISTS affected_vuln ON affected(vuln_id)");

  /** Between the parts of a value. */
  private static final char PART = '\u001e';

  /** Between the items of a part. */
  private static final char ITEM = '\u001f';

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StoreCodec() {}

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  static <T> T fromJson(String json, TypeReference<T> type) {
    return JSON.readValue(json, type);
  }

  /** {@code name PART ecosystem PART severity PART versions (PART type ITEM K:version…)*}. */
  static String affected(Affected a) {
    var sb = new StringBuilder();
    sb.append(a.name()).append(PART).append(a.ecosystem()).append(PART);
    sb.append(severity(a.severity())).append(PART).append(strings(a.versions()));
    for (Range r : a.ranges()) {
      sb.append(PART).append(r.type());
      for (Event e : r.events()) {
        sb.append(ITEM).append(e.kind().ordinal()).append(':').append(e.version());
      }
    }
    return sb.toString();
  }

  static Affected affected(String data) {
    List<String> parts = split(data, PART);
    var ranges = new ArrayList<Range>(parts.size() - 4);
    for (int i = 4; i < parts.size(); i++) {
      List<String> items = split(parts.get(i), ITEM);
      var events = new ArrayList<Event>(items.size() - 1);
      for (int j = 1; j < items.size(); j++) {
        String item = items.get(j);
        int colon = item.indexOf(':');
        Event.Kind kind = Event.Kind.values()[Integer.parseInt(item.substring(0, colon))];
        events.add(new Event(kind, item.substring(colon + 1)));
      }
      ranges.add(new Range(items.get(0), events));
    }
    Severity severity = parts.get(2).isEmpty() ? null : severity(parts.get(2));
    return new Affected(parts.get(1), parts.get(0), ranges, strings(parts.get(3)), severity);
  }

  /** {@code level ITEM score ITEM vector}, or empty for none. */
  static String severity(Severity s) {
    if (s == null) {
      return "";
    }
    return s.level().name() + ITEM + (s.score() == null ? "" : s.score()) + ITEM + s.vector();
  }

  static Severity severity(String data) {
    if (data.isEmpty()) {
      return Severity.UNKNOWN;
    }
    List<String> items = split(data, ITEM);
    Double score = items.get(1).isEmpty() ? null : Double.valueOf(items.get(1));
    return new Severity(Severity.Level.valueOf(items.get(0)), score, items.get(2));
  }

  static String strings(List<String> values) {
    return String.join(String.valueOf(ITEM), values);
  }

  static List<String> strings(String data) {
    return data.isEmpty() ? List.of() : split(data, ITEM);
  }

  private static List<String> split(String s, char separator) {
    var out = new ArrayList<String>();
    int start = 0;
    for (int i = s.indexOf(separator); i >= 0; i = s.indexOf(separator, start)) {
      out.add(s.substring(start, i));
      start = i + 1;
    }
    out.add(s.substring(start));
    return out;
  }

  /** Record counts per ecosystem, kept as JSON in the meta table. */
  static Map<String, Long> counts(String json) {
    return fromJson(json, new TypeReference<>() {});
  }

  static List<String> jsonStrings(String json) {
    return fromJson(json, new TypeReference<>() {});
  }
}
