package io.kso.kubevuln.match;

import io.kso.kubevuln.match.AdvisoryIndex.Lookup;
import io.kso.kubevuln.osv.OsvRecord;
import io.kso.kubevuln.osv.OsvRecord.Affected;
import io.kso.kubevuln.osv.OsvRecord.Event;
import io.kso.kubevuln.osv.OsvRecord.Range;
import io.kso.kubevuln.version.VersionScheme;
import io.kso.kubevuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Matches packages against OSV records: by the package's name and, for a binary OS package, by its
 * source package's; within the package's ecosystem (distribution release included); by each
 * record's ranges ({@code introduced}/{@code fixed}/{@code last_affected}) under the ecosystem's
 * version ordering, and by its explicit {@code versions} list.
 */
public final class Matcher {
  private final AdvisoryIndex index;

  public Matcher(AdvisoryIndex index) {
    this.index = index;
  }

  /** The records affecting each package, one match per package and record. */
  public List<Match> match(List<PackageRef> packages) {
    var lookups = new LinkedHashSet<Lookup>();
    for (PackageRef p : packages) {
      if (matchable(p)) {
        lookups.add(new Lookup(p.ecosystem(), p.name()));
        if (hasSource(p)) {
          lookups.add(new Lookup(p.ecosystem(), p.sourceName()));
        }
      }
    }
    Map<Lookup, List<OsvRecord>> records = index.affectingAll(lookups);
    var out = new ArrayList<Match>();
    for (PackageRef p : packages) {
      out.addAll(match(p, l -> records.getOrDefault(l, List.of())));
    }
    return out;
  }

  /** The records affecting one package, one match per record. */
  public List<Match> match(PackageRef p) {
    return match(p, l -> index.affecting(l.ecosystem(), l.name()));
  }

  private static boolean matchable(PackageRef p) {
    return VersionSchemes.forEcosystem(p.ecosystem()).isPresent()
        && p.version() != null
        && !p.version().isBlank();
  }

  private static boolean hasSource(PackageRef p) {
    return !p.sourceName().isEmpty() && !p.sourceName().equals(p.name());
  }

  private static List<Match> match(PackageRef p, Function<Lookup, List<OsvRecord>> records) {
    if (!matchable(p)) {
      return List.of();
    }
    VersionScheme scheme = VersionSchemes.forEcosystem(p.ecosystem()).orElseThrow();
    Map<String, Match> byRecord = new LinkedHashMap<>();
    var own = records.apply(new Lookup(p.ecosystem(), p.name()));
    collect(p, own, p.version(), "package", scheme, byRecord);
    if (hasSource(p)) {
      String version = p.sourceVersion().isEmpty() ? p.version() : p.sourceVersion();
      var bySource = records.apply(new Lookup(p.ecosystem(), p.sourceName()));
      collect(p, bySource, version, "source", scheme, byRecord);
    }
    return List.copyOf(byRecord.values());
  }

  private static void collect(
      PackageRef p,
      List<OsvRecord> candidates,
      String version,
      String nameKind,
      VersionScheme scheme,
      Map<String, Match> byRecord) {
    for (OsvRecord r : candidates) {
      if (byRecord.containsKey(r.id())) {
        continue;
      }
      for (Affected a : r.affected()) {
        Optional<Hit> hit = affects(version, a, scheme);
        if (hit.isPresent()) {
          Hit h = hit.get();
          var why =
              new MatchedBy(
                  r.id(), a.ecosystem(), a.name(), nameKind, version, h.rule, h.detail, h.scheme);
          var severity = a.severity() != null ? a.severity() : r.severity();
          byRecord.put(
              r.id(), new Match(r.id(), r.aliases(), r.summary(), severity, p, h.fixed, why));
          break;
        }
      }
    }
  }

  record Hit(String rule, String detail, String fixed, String scheme) {}

  /** Whether {@code version} is affected by one {@code affected[]} entry, and why. */
  static Optional<Hit> affects(String version, Affected a, VersionScheme ecosystemScheme) {
    Optional<Hit> byRange = Optional.empty();
    for (Range r : a.ranges()) {
      VersionScheme scheme = VersionSchemes.forRangeType(r.type(), ecosystemScheme);
      if (scheme.isValid(version)) {
        byRange = inRange(version, r, scheme);
        if (byRange.isPresent()) {
          break;
        }
      }
    }
    for (String listed : a.versions()) {
      if (listed.equals(version) || sameVersion(ecosystemScheme, listed, version)) {
        String fixed = byRange.map(Hit::fixed).orElse("");
        return Optional.of(new Hit("versions", "listed " + listed, fixed, ecosystemScheme.name()));
      }
    }
    return byRange;
  }

  private static boolean sameVersion(VersionScheme s, String a, String b) {
    return s.isValid(a) && s.isValid(b) && s.compare(a, b) == 0;
  }

  private static Optional<Hit> inRange(String version, Range range, VersionScheme scheme) {
    List<Event> events = new ArrayList<>(range.events());
    Comparator<Event> order = (x, y) -> compareEventVersions(x.version(), y.version(), scheme);
    events.sort(order);
    String introduced = null;
    for (Event e : events) {
      switch (e.kind()) {
        case INTRODUCED -> {
          if (introduced == null) {
            introduced = e.version();
          }
        }
        case FIXED, LAST_AFFECTED, LIMIT -> {
          if (introduced != null) {
            boolean fixed = e.kind() != Event.Kind.LAST_AFFECTED;
            if (within(version, introduced, e.version(), fixed, scheme)) {
              String detail =
                  range.type() + " [" + introduced + ", " + e.version() + (fixed ? ")" : "]");
              String fix = e.kind() == Event.Kind.FIXED ? e.version() : "";
              return Optional.of(new Hit("range", detail, fix, scheme.name()));
            }
            introduced = null;
          }
        }
      }
    }
    if (introduced != null && atLeast(version, introduced, scheme)) {
      return Optional.of(
          new Hit("range", range.type() + " [" + introduced + ", *)", "", scheme.name()));
    }
    return Optional.empty();
  }

  private static boolean within(
      String v, String introduced, String end, boolean exclusive, VersionScheme s) {
    int c = s.compare(v, end);
    return atLeast(v, introduced, s) && (exclusive ? c < 0 : c <= 0);
  }

  private static boolean atLeast(String v, String introduced, VersionScheme s) {
    return "0".equals(introduced) || s.compare(v, introduced) >= 0;
  }

  private static int compareEventVersions(String a, String b, VersionScheme s) {
    boolean za = "0".equals(a);
    boolean zb = "0".equals(b);
    if (za || zb) {
      return za == zb ? 0 : za ? -1 : 1;
    }
    return s.compare(a, b);
  }
}
