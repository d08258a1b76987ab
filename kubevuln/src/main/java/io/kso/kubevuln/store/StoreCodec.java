package io.kso.kubevuln.store;

import io.kso.kubevuln.osv.OsvRecord.Affected;
import io.kso.kubevuln.osv.Severity;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The store's table layout and how record parts are kept in its text columns (compact JSON). */
final class StoreCodec {
  static final String FILE = "osv.db";
  static final int SCHEMA_VERSION = 1;
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS vuln(id TEXT PRIMARY KEY, modified TEXT NOT NULL,"
              + " aliases TEXT NOT NULL, summary TEXT NOT NULL, severity TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS affected(name_key TEXT NOT NULL, ecosystem TEXT NOT NULL,"
              + " vuln_id TEXT NOT NULL, data TEXT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS affected_name ON affected(name_key)",
          "CREATE INDEX IF NOT EXISTS affected_vuln ON affected(vuln_id)");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private StoreCodec() {}

  static String write(Object value) {
    return JSON.writeValueAsString(value);
  }

  static Affected affected(String json) {
    return JSON.readValue(json, Affected.class);
  }

  static Severity severity(String json) {
    return JSON.readValue(json, Severity.class);
  }

  static List<String> strings(String json) {
    return JSON.readValue(json, STRINGS);
  }

  static <T> T read(String json, TypeReference<T> type) {
    return JSON.readValue(json, type);
  }
}
