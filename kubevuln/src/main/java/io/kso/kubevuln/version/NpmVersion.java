package io.kso.kubevuln.version;

import java.util.regex.Pattern;

/**
 * npm's node-semver versions: strict SemVer 2.0 with an optional {@code v}, or with {@code loose}
 * also leading {@code =}/spaces, leading zeros and a pre-release without its {@code -}. Build
 * metadata does not take part in ordering.
 */
public final class NpmVersion implements VersionScheme {

  static final String NUM = "0|[1-9]\\d*";
  static final String NUM_LOOSE = "\\d+";
  static final String NON_NUM = "\\d*[a-zA-Z-][a-zA-Z0-9-]*";
  static final String MAIN = "(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")";
  static final String MAIN_LOOSE =
      "(" + NUM_LOOSE + ")\\.(" + NUM_LOOSE + ")\\.(" + NUM_LOOSE + ")";
  static final String PRE_ID = "(?:" + NUM + "|" + NON_NUM + ")";
  static final String PRE_ID_LOOSE = "(?:" + NUM_LOOSE + "|" + NON_NUM + ")";
  static final String PRE = "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))";
  static final String PRE_LOOSE = "(?:-?(" + PRE_ID_LOOSE + "(?:\\." + PRE_ID_LOOSE + ")*))";
  static final String BUILD = "(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))";
  static final String FULL_PLAIN = "v?" + MAIN + PRE + "?" + BUILD + "?";
  static final String LOOSE_PLAIN = "[v=\\s]*" + MAIN_LOOSE + PRE_LOOSE + "?" + BUILD + "?";

  private static final Pattern FULL = Pattern.compile(FULL_PLAIN);
  private static final Pattern LOOSE = Pattern.compile(LOOSE_PLAIN);

  /** A parsed version. */
  public record Semver(long major, long minor, long patch, String prerelease) {
    public boolean isPrerelease() {
      return !prerelease.isEmpty();
    }

    public boolean sameTriple(Semver o) {
      return major == o.major && minor == o.minor && patch == o.patch;
    }

    public int compareTo(Semver o) {
      int c = Long.compare(major, o.major);
      if (c == 0) {
        c = Long.compare(minor, o.minor);
      }
      if (c == 0) {
        c = Long.compare(patch, o.patch);
      }
      return c != 0 ? c : SemverIdentifiers.comparePrerelease(prerelease, o.prerelease);
    }
  }

  private final boolean loose;

  public NpmVersion() {
    this(true);
  }

  public NpmVersion(boolean loose) {
    this.loose = loose;
  }

  @Override
  public String name() {
    return "semver";
  }

  private static final ParseCache<Semver> STRICT = new ParseCache<>(v -> parseUncached(v, false));
  private static final ParseCache<Semver> LOOSE_CACHE =
      new ParseCache<>(v -> parseUncached(v, true));

  /** Parses, or returns null when the string is not a version under these options. */
  public static Semver parse(String v, boolean loose) {
    return v == null ? null : (loose ? LOOSE_CACHE : STRICT).get(v);
  }

  private static Semver parseUncached(String v, boolean loose) {
    if (v.length() > 256) {
      return null;
    }
    var m = (loose ? LOOSE : FULL).matcher(v.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      return new Semver(
          safe(m.group(1)),
          safe(m.group(2)),
          safe(m.group(3)),
          m.group(4) == null ? "" : m.group(4));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long safe(String n) {
    long v = Long.parseLong(n);
    if (v > 9007199254740991L) {
      throw new NumberFormatException(n);
    }
    return v;
  }

  @Override
  public int compare(String a, String b) {
    Semver x = parse(a, loose);
    Semver y = parse(b, loose);
    if (x == null || y == null) {
      return x == y ? a.compareTo(b) : x == null ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  @Override
  public boolean isValid(String version) {
    return parse(version, loose) != null;
  }
}
