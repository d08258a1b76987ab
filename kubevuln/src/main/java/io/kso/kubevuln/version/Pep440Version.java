package io.kso.kubevuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python versions as PEP 440 and the {@code packaging} library define them: epoch, release,
 * pre-release (a/b/rc and their spellings), post and dev releases and local labels, with the
 * library's normal form and ordering. {@link #normalizeName} is PEP 503's project name rule.
 */
public final class Pep440Version implements VersionScheme {

  private static final Pattern PATTERN =
      Pattern.compile(
          "^\\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)"
              + "([-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?"
              + "((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?"
              + "([-_.]?(dev)[-_.]?([0-9]+)?)?)"
              + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NAME_SEPARATORS = Pattern.compile("[-_.]+");

  /** A parsed version; absent parts are null. */
  public record Parsed(
      long epoch,
      List<Long> release,
      String preLabel,
      Long preNumber,
      Long post,
      Long dev,
      List<String> local) {

    /** The normal form {@code packaging} prints. */
    @Override
    public String toString() {
      var sb = new StringBuilder();
      if (epoch != 0) {
        sb.append(epoch).append('!');
      }
      sb.append(String.join(".", release.stream().map(String::valueOf).toList()));
      if (preLabel != null) {
        sb.append(preLabel).append(preNumber);
      }
      if (post != null) {
        sb.append(".post").append(post);
      }
      if (dev != null) {
        sb.append(".dev").append(dev);
      }
      if (!local.isEmpty()) {
        sb.append('+').append(String.join(".", local));
      }
      return sb.toString();
    }
  }

  @Override
  public String name() {
    return "pep440";
  }

  /** PEP 503: runs of {@code -_.} become one {@code -}, lower case. */
  public static String normalizeName(String name) {
    return NAME_SEPARATORS.matcher(name.trim()).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  private static final ParseCache<Parsed> CACHE = new ParseCache<>(Pep440Version::parseUncached);

  /** Parses, or returns null for a string PEP 440 rejects. */
  public static Parsed parse(String v) {
    return v == null ? null : CACHE.get(v);
  }

  private static Parsed parseUncached(String v) {
    var m = PATTERN.matcher(v);
    if (!m.matches()) {
      return null;
    }
    long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    var release = new ArrayList<Long>();
    for (String part : m.group(2).split("\\.")) {
      release.add(Long.parseLong(part));
    }
    String preLabel = m.group(3) == null ? null : preLabel(m.group(4));
    Long preNumber = m.group(3) == null ? null : number(m.group(5));
    Long post = null;
    if (m.group(7) != null) {
      post = Long.parseLong(m.group(7));
    } else if (m.group(8) != null) {
      post = number(m.group(9));
    }
    Long dev = m.group(10) == null ? null : number(m.group(12));
    List<String> local =
        m.group(13) == null
            ? List.of()
            : List.of(m.group(13).toLowerCase(Locale.ROOT).split("[-_.]"));
    return new Parsed(epoch, List.copyOf(release), preLabel, preNumber, post, dev, local);
  }

  private static Long number(String s) {
    return s == null ? 0L : Long.parseLong(s);
  }

  private static String preLabel(String label) {
    return switch (label.toLowerCase(Locale.ROOT)) {
      case "alpha", "a" -> "a";
      case "beta", "b" -> "b";
      default -> "rc";
    };
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    if (x == null || y == null) {
      return x == y ? Integer.signum(a.compareTo(b)) : x == null ? -1 : 1;
    }
    return compare(x, y);
  }

  static int compare(Parsed x, Parsed y) {
    int c = Long.compare(x.epoch, y.epoch);
    if (c == 0) {
      c = compareRelease(x.release, y.release);
    }
    if (c == 0) {
      c = Double.compare(preKey(x), preKey(y));
    }
    if (c == 0 && x.preLabel != null && y.preLabel != null) {
      c = Long.compare(x.preNumber, y.preNumber);
    }
    if (c == 0) {
      c = Long.compare(x.post == null ? -1 : x.post, y.post == null ? -1 : y.post);
    }
    if (c == 0) {
      c =
          Long.compare(
              x.dev == null ? Long.MAX_VALUE : x.dev, y.dev == null ? Long.MAX_VALUE : y.dev);
    }
    if (c == 0) {
      c = compareLocal(x.local, y.local);
    }
    return Integer.signum(c);
  }

  /** dev-only releases sort before every pre-release; releases without one after all of them. */
  private static double preKey(Parsed p) {
    if (p.preLabel == null) {
      return p.post == null && p.dev != null ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return switch (p.preLabel) {
      case "a" -> 0;
      case "b" -> 1;
      default -> 2;
    };
  }

  private static int compareRelease(List<Long> a, List<Long> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      long x = i < a.size() ? a.get(i) : 0;
      long y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    return 0;
  }

  private static int compareLocal(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(!a.isEmpty(), !b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareLocalPart(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareLocalPart(String a, String b) {
    boolean na = SemverIdentifiers.isNumeric(a);
    boolean nb = SemverIdentifiers.isNumeric(b);
    if (na && nb) {
      return GoVersion.numeric(RpmVersion.stripZeros(a), RpmVersion.stripZeros(b));
    }
    if (na != nb) {
      return na ? 1 : -1;
    }
    return a.compareTo(b);
  }
}
