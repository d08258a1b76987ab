package io.kso.kubevuln.cli;

import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.match.MatchedBy;
import io.kso.kubevuln.store.StoreStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The scan report as JSON ({@code {"matches": [...]}}) or as a table. */
public final class Reports {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Reports() {}

  public static String json(Object value) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
  }

  static Map<String, Object> scan(List<Match> matches, SbomFile sbom, StoreStatus status) {
    var list = matches(matches);
    var db = new LinkedHashMap<String, Object>();
    db.put("builtAt", status.builtAt().toString());
    db.put("newestRecord", status.newestRecord().toString());
    db.put("stale", status.stale());
    var report = new LinkedHashMap<String, Object>();
    report.put("matches", list);
    report.put("packages", sbom.packages().size());
    report.put("entriesWithoutPurl", sbom.withoutPurl());
    report.put("database", db);
    return report;
  }

  /** The matches as the JSON report lists them, most severe first. */
  public static List<Map<String, Object>> matches(List<Match> matches) {
    var list = new ArrayList<Map<String, Object>>();
    for (Match m : sorted(matches)) {
      var vuln = new LinkedHashMap<String, Object>();
      vuln.put("id", m.vulnerabilityId());
      vuln.put("aliases", m.aliases());
      vuln.put("severity", m.severity().level().name());
      vuln.put("cvssScore", m.severity().score());
      vuln.put("cvssVector", m.severity().vector());
      vuln.put("summary", m.summary());
      var pkg = new LinkedHashMap<String, Object>();
      pkg.put("name", m.pkg().name());
      pkg.put("version", m.pkg().version());
      pkg.put("purl", m.pkg().purl());
      pkg.put("ecosystem", m.pkg().ecosystem());
      var entry = new LinkedHashMap<String, Object>();
      entry.put("vulnerability", vuln);
      entry.put("package", pkg);
      entry.put("fixedVersion", m.fixedVersion());
      entry.put("matchedBy", matchedBy(m.matchedBy()));
      list.add(entry);
    }
    return list;
  }

  private static Map<String, Object> matchedBy(MatchedBy b) {
    var m = new LinkedHashMap<String, Object>();
    m.put("record", b.recordId());
    m.put("ecosystem", b.ecosystem());
    m.put("packageName", b.packageName());
    m.put("nameKind", b.nameKind());
    m.put("version", b.version());
    m.put("rule", b.rule());
    m.put("detail", b.detail());
    m.put("versionScheme", b.scheme());
    return m;
  }

  static String table(List<Match> matches) {
    var rows = new ArrayList<String[]>();
    rows.add(
        new String[] {"PACKAGE", "VERSION", "VULNERABILITY", "SEVERITY", "FIXED IN", "MATCHED BY"});
    for (Match m : sorted(matches)) {
      MatchedBy b = m.matchedBy();
      String alias = m.aliases().stream().filter(a -> a.startsWith("CVE-")).findFirst().orElse("");
      rows.add(
          new String[] {
            m.pkg().name(),
            m.pkg().version(),
            m.vulnerabilityId() + (alias.isEmpty() ? "" : " (" + alias + ")"),
            m.severity().level().name()
                + (m.severity().score() == null ? "" : " " + m.severity().score()),
            m.fixedVersion(),
            (b.nameKind().equals("source") ? "source " + b.packageName() + " " : "") + b.detail()
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    var sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (widths[i] + 2) + "s", r[i]));
      }
      sb.append('\n');
    }
    sb.append(matches.size()).append(" match(es)\n");
    return sb.toString();
  }

  private static List<Match> sorted(List<Match> matches) {
    var out = new ArrayList<>(matches);
    out.sort(
        Comparator.comparing((Match m) -> m.severity().level())
            .reversed()
            .thenComparing(m -> m.pkg().name())
            .thenComparing(Match::vulnerabilityId));
    return out;
  }
}
