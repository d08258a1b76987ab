package io.kso.kubevuln.osv;

import java.util.List;

/**
 * The part of an OSV record (https://ossf.github.io/osv-schema/) that matching uses.
 *
 * @param modified RFC 3339 time of the record's last change, empty when the record has none
 */
public record OsvRecord(
    String id,
    String modified,
    List<String> aliases,
    String summary,
    Severity severity,
    List<Affected> affected) {

  public OsvRecord {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    affected = affected == null ? List.of() : List.copyOf(affected);
    summary = summary == null ? "" : summary;
    modified = modified == null ? "" : modified;
  }

  /** One {@code affected[]} entry: a package, its ranges (GIT ranges left out) and versions. */
  public record Affected(
      String ecosystem, String name, List<Range> ranges, List<String> versions, Severity severity) {
    public Affected {
      ranges = ranges == null ? List.of() : List.copyOf(ranges);
      versions = versions == null ? List.of() : List.copyOf(versions);
    }
  }

  /** A range of type {@code ECOSYSTEM} or {@code SEMVER}. */
  public record Range(String type, List<Event> events) {
    public Range {
      events = List.copyOf(events);
    }
  }

  /** {@code introduced}, {@code fixed}, {@code last_affected} or {@code limit}, and its version. */
  public record Event(Kind kind, String version) {
    public enum Kind {
      INTRODUCED,
      FIXED,
      LAST_AFFECTED,
      LIMIT
    }
  }
}
