package io.kso.kubevuln.version;

/**
 * Debian's {@code [epoch:]upstream[-revision]} ordering, as dpkg's {@code verrevcmp}: letters sort
 * before non-letters, {@code ~} before everything, even the end of the string, and digit runs
 * compare as numbers. Like dpkg's comparison (not its syntax check) it orders strings that {@code
 * dpkg --validate-version} would reject, such as an empty revision.
 */
public final class DpkgVersion implements VersionScheme {

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int compare(String a, String b) {
    return Evr.compare(a, b, DpkgVersion::verrevcmp);
  }

  @Override
  public boolean isValid(String version) {
    if (version == null || version.isEmpty()) {
      return false;
    }
    var p = Evr.parse(version);
    return !p.version().isEmpty()
        && Character.isDigit(p.version().charAt(0))
        && p.version()
            .chars()
            .allMatch(ch -> Character.isLetterOrDigit(ch) || ".+-~:".indexOf(ch) >= 0);
  }

  private static int order(char c) {
    if (Character.isDigit(c)) {
      return 0;
    } else if (Character.isLetter(c)) {
      return c;
    } else if (c == '~') {
      return -1;
    } else if (c != 0) {
      return c + 256;
    }
    return 0;
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      int firstDiff = 0;
      while ((i < a.length() && !Character.isDigit(a.charAt(i)))
          || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
        int ac = order(at(a, i));
        int bc = order(at(b, j));
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (at(a, i) == '0') {
        i++;
      }
      while (at(b, j) == '0') {
        j++;
      }
      while (Character.isDigit(at(a, i)) && Character.isDigit(at(b, j))) {
        if (firstDiff == 0) {
          firstDiff = at(a, i) - at(b, j);
        }
        i++;
        j++;
      }
      if (Character.isDigit(at(a, i))) {
        return 1;
      }
      if (Character.isDigit(at(b, j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }
}
