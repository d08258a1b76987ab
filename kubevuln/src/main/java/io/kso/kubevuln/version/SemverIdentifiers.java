package io.kso.kubevuln.version;

/** SemVer 2.0 pre-release precedence, shared by the Go and npm schemes. */
final class SemverIdentifiers {
  private SemverIdentifiers() {}

  /** Compares dot-separated pre-release strings; empty means a release, which sorts last. */
  static int comparePrerelease(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() == b.isEmpty() ? 0 : a.isEmpty() ? 1 : -1;
    }
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareIdentifier(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  static int compareIdentifier(String a, String b) {
    boolean na = isNumeric(a);
    boolean nb = isNumeric(b);
    if (na && nb) {
      return GoVersion.numeric(RpmVersion.stripZeros(a), RpmVersion.stripZeros(b));
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }

  static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
