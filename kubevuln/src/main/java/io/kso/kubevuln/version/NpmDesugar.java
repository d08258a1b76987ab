package io.kso.kubevuln.version;

import io.kso.kubevuln.version.NpmRange.Options;
import java.util.regex.MatchResult;

/**
 * node-semver's rewriting of range shorthands into comparators: {@code ~}, {@code ^}, x-ranges and
 * hyphen ranges, given the groups of their patterns in {@link NpmRange}.
 */
final class NpmDesugar {
  private NpmDesugar() {}

  static boolean isX(String id) {
    return id == null || id.isEmpty() || id.equalsIgnoreCase("x") || id.equals("*");
  }

  private static long n(String s) {
    return Long.parseLong(s);
  }

  static String tilde(MatchResult m, Options o) {
    String z = o.includePrerelease() ? "-0" : "";
    String maj = m.group(1);
    String min = m.group(2);
    String pat = m.group(3);
    String pre = m.group(4);
    if (isX(maj)) {
      return "";
    } else if (isX(min)) {
      return ">=" + maj + ".0.0" + z + " <" + (n(maj) + 1) + ".0.0-0";
    } else if (isX(pat)) {
      return ">=" + maj + "." + min + ".0" + z + " <" + maj + "." + (n(min) + 1) + ".0-0";
    } else if (pre != null && !pre.isEmpty()) {
      return ">="
          + maj
          + "."
          + min
          + "."
          + pat
          + "-"
          + pre
          + " <"
          + maj
          + "."
          + (n(min) + 1)
          + ".0-0";
    }
    return ">=" + maj + "." + min + "." + pat + " <" + maj + "." + (n(min) + 1) + ".0-0";
  }

  static String caret(MatchResult m, Options o) {
    String maj = m.group(1);
    String min = m.group(2);
    String pat = m.group(3);
    String pre = m.group(4);
    String z = o.includePrerelease() ? "-0" : "";
    if (isX(maj)) {
      return "";
    } else if (isX(min)) {
      return ">=" + maj + ".0.0" + z + " <" + (n(maj) + 1) + ".0.0-0";
    } else if (isX(pat)) {
      String upper = maj.equals("0") ? maj + "." + (n(min) + 1) + ".0-0" : (n(maj) + 1) + ".0.0-0";
      return ">=" + maj + "." + min + ".0" + z + " <" + upper;
    }
    boolean hasPre = pre != null && !pre.isEmpty();
    String from = maj + "." + min + "." + pat + (hasPre ? "-" + pre : "");
    String upper;
    if (maj.equals("0")) {
      upper =
          min.equals("0")
              ? maj + "." + min + "." + (n(pat) + 1) + "-0"
              : maj + "." + (n(min) + 1) + ".0-0";
    } else {
      upper = (n(maj) + 1) + ".0.0-0";
    }
    return ">=" + from + " <" + upper;
  }

  static String xrange(MatchResult m, Options o) {
    String gtlt = m.group(1);
    String maj = m.group(2);
    String min = m.group(3);
    String pat = m.group(4);
    boolean xM = isX(maj);
    boolean xm = xM || isX(min);
    boolean xp = xm || isX(pat);
    if ("=".equals(gtlt) && xp) {
      gtlt = "";
    }
    String pr = o.includePrerelease() ? "-0" : "";
    if (xM) {
      return gtlt.equals(">") || gtlt.equals("<") ? "<0.0.0-0" : "*";
    } else if (!gtlt.isEmpty() && xp) {
      long mj = n(maj);
      long mi = xm ? 0 : n(min);
      long pa = 0;
      if (gtlt.equals(">")) {
        gtlt = ">=";
        if (xm) {
          mj++;
          mi = 0;
        } else {
          mi++;
        }
      } else if (gtlt.equals("<=")) {
        gtlt = "<";
        if (xm) {
          mj++;
        } else {
          mi++;
        }
      }
      if (gtlt.equals("<")) {
        pr = "-0";
      }
      return gtlt + mj + "." + mi + "." + pa + pr;
    } else if (xm) {
      return ">=" + maj + ".0.0" + pr + " <" + (n(maj) + 1) + ".0.0-0";
    } else if (xp) {
      return ">=" + maj + "." + min + ".0" + pr + " <" + maj + "." + (n(min) + 1) + ".0-0";
    }
    return m.group();
  }

  static String hyphen(MatchResult m, boolean incPr) {
    String from = m.group(1);
    String fM = m.group(2);
    String fm = m.group(3);
    String fp = m.group(4);
    String fpr = m.group(5);
    String to = m.group(7);
    String tM = m.group(8);
    String tm = m.group(9);
    String tp = m.group(10);
    String tpr = m.group(11);
    String z = incPr ? "-0" : "";
    if (isX(fM)) {
      from = "";
    } else if (isX(fm)) {
      from = ">=" + fM + ".0.0" + z;
    } else if (isX(fp)) {
      from = ">=" + fM + "." + fm + ".0" + z;
    } else if (fpr != null && !fpr.isEmpty()) {
      from = ">=" + from;
    } else {
      from = ">=" + from + z;
    }
    if (isX(tM)) {
      to = "";
    } else if (isX(tm)) {
      to = "<" + (n(tM) + 1) + ".0.0-0";
    } else if (isX(tp)) {
      to = "<" + tM + "." + (n(tm) + 1) + ".0-0";
    } else if (tpr != null && !tpr.isEmpty()) {
      to = "<=" + tM + "." + tm + "." + tp + "-" + tpr;
    } else if (incPr) {
      to = "<" + tM + "." + tm + "." + (n(tp) + 1) + "-0";
    } else {
      to = "<=" + to;
    }
    return (from + " " + to).trim();
  }
}
