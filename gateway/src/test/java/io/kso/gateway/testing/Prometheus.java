package io.kso.gateway.testing;

/** Reads one sample out of Prometheus text. */
public final class Prometheus {
  private Prometheus() {}

  /**
   * @param sample the metric name with its labels exactly as exposed, in exposition order, e.g.
   *     {@code gateway_notifications_dropped_total{reason="slow_consumer"}}
   * @return its value, or 0 when absent
   */
  public static double value(String text, String sample) {
    for (String line : text.lines().toList()) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]);
      }
    }
    return 0;
  }
}
