package io.kso.kubescape.engine;

import java.util.Map;

/** Kubernetes resource quantities ("500m", "1Gi", "2e3") as numbers; unparsable means 0. */
final class Quantities {
  private static final Map<String, Double> SUFFIX =
      Map.ofEntries(
          Map.entry("n", 1e-9),
          Map.entry("u", 1e-6),
          Map.entry("m", 1e-3),
          Map.entry("", 1.0),
          Map.entry("k", 1e3),
          Map.entry("M", 1e6),
          Map.entry("G", 1e9),
          Map.entry("T", 1e12),
          Map.entry("P", 1e15),
          Map.entry("E", 1e18),
          Map.entry("Ki", 1024.0),
          Map.entry("Mi", Math.pow(1024, 2)),
          Map.entry("Gi", Math.pow(1024, 3)),
          Map.entry("Ti", Math.pow(1024, 4)),
          Map.entry("Pi", Math.pow(1024, 5)),
          Map.entry("Ei", Math.pow(1024, 6)));

  private Quantities() {}

  static double parse(Object q) {
    if (q instanceof Number n) {
      return n.doubleValue();
    }
    String s = String.valueOf(q).trim();
    int i = 0;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      if ((s.charAt(i) == 'e' || s.charAt(i) == 'E')
          && (i + 1 >= s.length() || "+-0123456789".indexOf(s.charAt(i + 1)) < 0)) {
        break;
      }
      i++;
    }
    try {
      double base = Double.parseDouble(s.substring(0, i));
      Double mult = SUFFIX.get(s.substring(i));
      return mult == null ? 0 : base * mult;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
