package io.kso.kubevuln.version;

import static io.kso.kubevuln.version.NpmVersion.BUILD;
import static io.kso.kubevuln.version.NpmVersion.LOOSE_PLAIN;
import static io.kso.kubevuln.version.NpmVersion.NUM;
import static io.kso.kubevuln.version.NpmVersion.NUM_LOOSE;
import static io.kso.kubevuln.version.NpmVersion.PRE;
import static io.kso.kubevuln.version.NpmVersion.PRE_LOOSE;

import io.kso.kubevuln.version.NpmVersion.Semver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * node-semver ranges ({@code ^1.2}, {@code ~1.2.3}, {@code 1.x}, {@code 1.2 - 2}, {@code >=1 <2 ||
 * 3}) desugared to comparator sets exactly as node-semver does, including its rule that a
 * pre-release only satisfies a set that names a pre-release of the same {@code major.minor.patch}
 * (unless {@code includePrerelease}).
 */
public final class NpmRange {

  /** node-semver's {@code loose} and {@code includePrerelease} options. */
  public record Options(boolean loose, boolean includePrerelease) {
    public static final Options DEFAULT = new Options(false, false);
  }

  private record Comparator(String operator, Semver semver) {
    String value() {
      return semver == null ? "" : operator + format(semver);
    }
  }

  private static final class Grammar {
    final Pattern xrange;
    final Pattern tilde;
    final Pattern caret;
    final Pattern hyphen;
    final Pattern comparator;

    Grammar(boolean loose) {
      String plain = xrangePlain(loose);
      xrange = Pattern.compile("^" + GTLT + "\\s*" + plain + "$");
      tilde = Pattern.compile("^(?:~>?)" + plain + "$");
      caret = Pattern.compile("^(?:\\^)" + plain + "$");
      hyphen = Pattern.compile("^\\s*(" + plain + ")\\s+-\\s+(" + plain + ")\\s*$");
      comparator =
          Pattern.compile(
              "^" + GTLT + "\\s*(" + (loose ? LOOSE_PLAIN : NpmVersion.FULL_PLAIN) + ")$|^$");
    }
  }

  private static final String GTLT = "((?:<|>)?=?)";
  private static final Grammar STRICT = new Grammar(false);
  private static final Grammar LOOSE = new Grammar(true);
  private static final Pattern COMPARATOR_TRIM =
      Pattern.compile("(\\s*)" + GTLT + "\\s*(" + LOOSE_PLAIN + "|" + xrangePlain(false) + ")");
  private static final Pattern TILDE_TRIM = Pattern.compile("(\\s*)(?:~>?)\\s+");
  private static final Pattern CARET_TRIM = Pattern.compile("(\\s*)(?:\\^)\\s+");
  private static final Pattern STAR = Pattern.compile("(<|>)?=?\\s*\\*");
  private static final Pattern BUILD_RE = Pattern.compile(BUILD);
  private static final Pattern GTE0 = Pattern.compile("^\\s*>=\\s*0\\.0\\.0\\s*$");
  private static final Pattern GTE0PRE = Pattern.compile("^\\s*>=\\s*0\\.0\\.0-0\\s*$");

  private final List<List<Comparator>> set;
  private final Options options;

  private NpmRange(List<List<Comparator>> set, Options options) {
    this.set = set;
    this.options = options;
  }

  private static String xrangePlain(boolean loose) {
    String xid = "(" + (loose ? NUM_LOOSE : NUM) + "|x|X|\\*)";
    return "[v=\\s]*"
        + xid
        + "(?:\\."
        + xid
        + "(?:\\."
        + xid
        + "(?:"
        + (loose ? PRE_LOOSE : PRE)
        + ")?"
        + BUILD
        + "?)?)?";
  }

  /** Whether {@code version} satisfies {@code range}; false when either does not parse. */
  public static boolean satisfies(String version, String range, Options options) {
    NpmRange r = parse(range, options);
    Semver v = NpmVersion.parse(version, options.loose());
    return r != null && v != null && r.test(v);
  }

  /** Parses a range, or returns null when node-semver would throw. */
  public static NpmRange parse(String range, Options options) {
    try {
      var sets = new ArrayList<List<Comparator>>();
      for (String part : range.trim().replaceAll("\\s+", " ").split("\\|\\|", -1)) {
        List<Comparator> comps = parseSet(part.trim(), options);
        if (!comps.isEmpty()) {
          sets.add(comps);
        }
      }
      if (sets.isEmpty()) {
        return null;
      }
      return new NpmRange(simplify(sets), options);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<List<Comparator>> simplify(List<List<Comparator>> sets) {
    if (sets.size() <= 1) {
      return sets;
    }
    var kept = new ArrayList<List<Comparator>>();
    for (var s : sets) {
      if (!s.get(0).value().equals("<0.0.0-0")) {
        kept.add(s);
      }
    }
    if (kept.isEmpty()) {
      return List.of(sets.get(0));
    }
    for (var s : kept) {
      if (s.size() == 1 && s.get(0).semver == null) {
        return List.of(s);
      }
    }
    return kept;
  }

  public boolean test(Semver version) {
    for (var comps : set) {
      if (testSet(comps, version)) {
        return true;
      }
    }
    return false;
  }

  private boolean testSet(List<Comparator> comps, Semver version) {
    for (var c : comps) {
      if (!test(c, version)) {
        return false;
      }
    }
    if (version.isPrerelease() && !options.includePrerelease()) {
      for (var c : comps) {
        if (c.semver != null && c.semver.isPrerelease() && c.semver.sameTriple(version)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static boolean test(Comparator c, Semver v) {
    if (c.semver == null) {
      return true;
    }
    int cmp = v.compareTo(c.semver);
    return switch (c.operator) {
      case "" -> cmp == 0;
      case ">" -> cmp > 0;
      case ">=" -> cmp >= 0;
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      default -> throw new IllegalArgumentException("operator " + c.operator);
    };
  }

  private static List<Comparator> parseSet(String range, Options o) {
    Grammar g = o.loose() ? LOOSE : STRICT;
    String r =
        g.hyphen
            .matcher(range)
            .replaceFirst(m -> quote(NpmDesugar.hyphen(m, o.includePrerelease())));
    r = COMPARATOR_TRIM.matcher(r).replaceAll(m -> quote(m.group(1) + m.group(2) + m.group(3)));
    r = TILDE_TRIM.matcher(r).replaceAll(m -> quote(m.group(1) + "~"));
    r = CARET_TRIM.matcher(r).replaceAll(m -> quote(m.group(1) + "^"));
    var parts = new ArrayList<String>();
    for (String comp : r.split(" ", -1)) {
      parts.add(parseComparator(comp, g, o));
    }
    var byValue = new LinkedHashMap<String, Comparator>();
    for (String comp : String.join(" ", parts).split("\\s+", -1)) {
      comp = (o.includePrerelease() ? GTE0PRE : GTE0).matcher(comp.trim()).replaceFirst("");
      if (o.loose() && !g.comparator.matcher(comp).matches()) {
        continue;
      }
      Comparator c = comparator(comp, g, o);
      if (c.value().equals("<0.0.0-0")) {
        return List.of(c);
      }
      byValue.put(c.value(), c);
    }
    if (byValue.size() > 1) {
      byValue.remove("");
    }
    return new ArrayList<>(byValue.values());
  }

  private static Comparator comparator(String comp, Grammar g, Options o) {
    var m = g.comparator.matcher(comp.trim().replaceAll("\\s+", " "));
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid comparator " + comp);
    }
    String op = m.group(1) == null ? "" : m.group(1);
    if (op.equals("=")) {
      op = "";
    }
    if (m.group(2) == null || m.group(2).isEmpty()) {
      return new Comparator("", null);
    }
    Semver v = NpmVersion.parse(m.group(2), o.loose());
    if (v == null) {
      throw new IllegalArgumentException("invalid version " + m.group(2));
    }
    return new Comparator(op, v);
  }

  private static String parseComparator(String comp, Grammar g, Options o) {
    comp = BUILD_RE.matcher(comp).replaceAll("");
    comp =
        eachWord(
            comp.trim(), w -> g.caret.matcher(w).replaceFirst(m -> quote(NpmDesugar.caret(m, o))));
    comp =
        eachWord(
            comp.trim(), w -> g.tilde.matcher(w).replaceFirst(m -> quote(NpmDesugar.tilde(m, o))));
    comp =
        eachWord(
            comp.trim(),
            w -> g.xrange.matcher(w.trim()).replaceFirst(m -> quote(NpmDesugar.xrange(m, o))));
    return STAR.matcher(comp.trim()).replaceFirst("");
  }

  private static String eachWord(String comp, java.util.function.UnaryOperator<String> f) {
    var out = new ArrayList<String>();
    for (String w : comp.split("\\s+", -1)) {
      out.add(f.apply(w));
    }
    return String.join(" ", out);
  }

  private static String quote(String s) {
    return java.util.regex.Matcher.quoteReplacement(s);
  }

  static String format(Semver v) {
    return v.major()
        + "."
        + v.minor()
        + "."
        + v.patch()
        + (v.isPrerelease() ? "-" + v.prerelease() : "");
  }
}
