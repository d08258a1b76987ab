package io.kso.kubevuln.osv;

import java.util.HashMap;
import java.util.Map;

/** The CVSS v3.0/v3.1 base score of a vector string (FIRST's specification, section 7). */
public final class Cvss3 {
  private Cvss3() {}

  /** The base score, or null when {@code vector} is not a complete CVSS v3 base vector. */
  public static Double baseScore(String vector) {
    if (vector == null || !vector.startsWith("CVSS:3.")) {
      return null;
    }
    Map<String, String> m = new HashMap<>();
    for (String part : vector.split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        m.put(part.substring(0, colon), part.substring(colon + 1));
      }
    }
    try {
      return score(m);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static double score(Map<String, String> m) {
    boolean changed = "C".equals(m.get("S"));
    if (!"U".equals(m.get("S")) && !changed) {
      throw new IllegalArgumentException("scope");
    }
    double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
    double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44);
    double pr =
        changed
            ? pick(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5)
            : pick(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
    double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62);
    double c = cia(m.get("C"));
    double i = cia(m.get("I"));
    double a = cia(m.get("A"));
    double iss = 1 - (1 - c) * (1 - i) * (1 - a);
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability = 8.22 * av * ac * pr * ui;
    if (impact <= 0) {
      return 0.0;
    }
    double base = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
    return roundUp(Math.min(base, 10));
  }

  private static double cia(String v) {
    return pick(v, "H", 0.56, "L", 0.22, "N", 0.0);
  }

  private static double pick(String v, Object... pairs) {
    for (int k = 0; k < pairs.length; k += 2) {
      if (pairs[k].equals(v)) {
        return (double) pairs[k + 1];
      }
    }
    throw new IllegalArgumentException(String.valueOf(v));
  }

  /** CVSS 3.1 Roundup: the smallest number with one decimal that is not below {@code d}. */
  static double roundUp(double d) {
    long i = Math.round(d * 100000);
    return i % 10000 == 0 ? i / 100000.0 : (Math.floor(i / 10000.0) + 1) / 10.0;
  }
}
