package io.kso.kubevuln.version;

/**
 * RPM's {@code [epoch:]version[-release]} ordering: each part by {@code rpmvercmp}, with {@code ~}
 * sorting before everything (pre-releases) and {@code ^} after the end of the string but before
 * anything else (post-release snapshots).
 */
public final class RpmVersion implements VersionScheme {

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int compare(String a, String b) {
    return Evr.compare(a, b, RpmVersion::rpmvercmp);
  }

  private static boolean alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  /** rpm's {@code rpmvercmp} on one version or release string. */
  public static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while (i < a.length() && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < b.length() && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char p = at(a, i);
      char q = at(b, j);
      if (p == '~' || q == '~') {
        if (p != '~') {
          return 1;
        }
        if (q != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (p == '^' || q == '^') {
        if (p == 0) {
          return -1;
        }
        if (q == 0) {
          return 1;
        }
        if (p != '^') {
          return 1;
        }
        if (q != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (p == 0 || q == 0) {
        break;
      }
      int si = i;
      int sj = j;
      boolean numeric = digit(p);
      if (numeric) {
        while (digit(at(a, i))) {
          i++;
        }
        while (digit(at(b, j))) {
          j++;
        }
      } else {
        while (alpha(at(a, i))) {
          i++;
        }
        while (alpha(at(b, j))) {
          j++;
        }
      }
      if (sj == j) {
        return numeric ? 1 : -1;
      }
      String x = a.substring(si, i);
      String y = b.substring(sj, j);
      int c;
      if (numeric) {
        x = stripZeros(x);
        y = stripZeros(y);
        c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    boolean aEnd = i >= a.length();
    boolean bEnd = j >= b.length();
    if (aEnd && bEnd) {
      return 0;
    }
    return aEnd ? -1 : 1;
  }

  static String stripZeros(String s) {
    int k = 0;
    while (k < s.length() - 1 && s.charAt(k) == '0') {
      k++;
    }
    return s.substring(k);
  }
}
