package io.kso.kubevuln.version;

/**
 * {@code [epoch:]version[-release]}, split as dpkg and rpm split it: the epoch before the first
 * {@code :} when all digits, the release after the last {@code -}.
 */
record Evr(long epoch, String version, String release) {

  /** Epoch as a number, then version, then release by {@code part}; -1, 0 or 1. */
  static int compare(String a, String b, java.util.Comparator<String> part) {
    Evr x = parse(a);
    Evr y = parse(b);
    int c = Long.compare(x.epoch, y.epoch);
    if (c == 0) {
      c = part.compare(x.version, y.version);
    }
    if (c == 0) {
      c = part.compare(x.release, y.release);
    }
    return Integer.signum(c);
  }

  static Evr parse(String v) {
    String s = v.trim();
    long epoch = 0;
    int colon = s.indexOf(':');
    if (colon > 0 && s.substring(0, colon).chars().allMatch(Character::isDigit)) {
      epoch = Long.parseLong(s.substring(0, colon));
      s = s.substring(colon + 1);
    }
    int dash = s.lastIndexOf('-');
    return dash >= 0
        ? new Evr(epoch, s.substring(0, dash), s.substring(dash + 1))
        : new Evr(epoch, s, "");
  }
}
