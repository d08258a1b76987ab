package io.kso.kubevuln.version;

import java.util.regex.Pattern;

/**
 * Go module versions as {@code golang.org/x/mod/semver}: a {@code v} prefix, {@code
 * vMAJOR[.MINOR[.PATCH]]} shorthands, pre-release ordering (which is how pseudo-versions such as
 * {@code v0.0.0-20210817142637-7d9622a276b7} sort), build metadata ignored (so {@code
 * +incompatible} is). Invalid versions compare equal to each other and below every valid one. OSV's
 * Go records leave the {@code v} out and the standard library uses {@code go1.19}; {@link
 * #forModule} accepts both.
 */
public final class GoVersion implements VersionScheme {

  private static final Pattern SEMVER =
      Pattern.compile(
          "v(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*)"
              + "(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
              + "(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?"
              + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?");

  /** A parsed version: empty pre-release when there is none. */
  record Parsed(String major, String minor, String patch, String prerelease) {}

  @Override
  public String name() {
    return "go-semver";
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(forModule(a));
    Parsed y = parse(forModule(b));
    if (x == null || y == null) {
      return x == y ? 0 : x == null ? -1 : 1;
    }
    int c = numeric(x.major, y.major);
    if (c == 0) {
      c = numeric(x.minor, y.minor);
    }
    if (c == 0) {
      c = numeric(x.patch, y.patch);
    }
    return c != 0 ? c : SemverIdentifiers.comparePrerelease(x.prerelease, y.prerelease);
  }

  @Override
  public boolean isValid(String version) {
    return parse(forModule(version)) != null;
  }

  /** Compares strict {@code golang.org/x/mod/semver} strings, where the {@code v} is required. */
  public int compareStrict(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    if (x == null || y == null) {
      return x == y ? 0 : x == null ? -1 : 1;
    }
    return compare(a, b);
  }

  /** {@code semver.Canonical}: {@code vMAJOR.MINOR.PATCH[-pre]}, or empty when invalid. */
  public static String canonical(String v) {
    Parsed p = parse(v);
    if (p == null) {
      return "";
    }
    return "v"
        + p.major
        + "."
        + p.minor
        + "."
        + p.patch
        + (p.prerelease.isEmpty() ? "" : "-" + p.prerelease);
  }

  /** Adds the {@code v} OSV's Go records and Go toolchain versions leave out. */
  static String forModule(String v) {
    if (v == null) {
      return "";
    }
    String s = v.trim();
    if (s.startsWith("go")) {
      s = s.substring(2);
    }
    return s.startsWith("v") ? s : "v" + s;
  }

  private static final ParseCache<Parsed> CACHE = new ParseCache<>(GoVersion::parseUncached);

  static Parsed parse(String v) {
    return v == null ? null : CACHE.get(v);
  }

  private static Parsed parseUncached(String v) {
    var m = SEMVER.matcher(v);
    if (!m.matches()) {
      return null;
    }
    boolean shorthand = m.group(2) == null || m.group(3) == null;
    if (shorthand && (v.contains("-") || v.contains("+"))) {
      return null;
    }
    return new Parsed(
        m.group(1),
        m.group(2) == null ? "0" : m.group(2),
        m.group(3) == null ? "0" : m.group(3),
        m.group(4) == null ? "" : m.group(4));
  }

  static int numeric(String a, String b) {
    int c = a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    return Integer.signum(c);
  }
}
