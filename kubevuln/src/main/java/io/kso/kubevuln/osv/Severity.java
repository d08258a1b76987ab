package io.kso.kubevuln.osv;

import java.util.Locale;

/**
 * How bad a vulnerability is: a level, and the CVSS vector and base score it came from when the
 * record has one.
 *
 * @param score CVSS base score, or null when there is none (or the vector's version is not scored)
 * @param vector the CVSS vector string, or empty
 */
public record Severity(Level level, Double score, String vector) {
  public static final Severity UNKNOWN = new Severity(Level.UNKNOWN, null, "");

  public Severity {
    vector = vector == null ? "" : vector;
  }

  /** Ordered from least to most severe. */
  public enum Level {
    UNKNOWN,
    NEGLIGIBLE,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Reads GHSA's and the distributions' words: {@code MODERATE}, {@code important}, …. */
    public static Level parse(String word) {
      if (word == null) {
        return UNKNOWN;
      }
      return switch (word.trim().toUpperCase(Locale.ROOT)) {
        case "CRITICAL" -> CRITICAL;
        case "HIGH", "IMPORTANT" -> HIGH;
        case "MEDIUM", "MODERATE" -> MEDIUM;
        case "LOW" -> LOW;
        case "NEGLIGIBLE", "UNIMPORTANT", "NONE" -> NEGLIGIBLE;
        default -> UNKNOWN;
      };
    }

    /** The CVSS v3 qualitative rating of a base score. */
    public static Level ofScore(double score) {
      if (score >= 9.0) {
        return CRITICAL;
      } else if (score >= 7.0) {
        return HIGH;
      } else if (score >= 4.0) {
        return MEDIUM;
      } else if (score > 0) {
        return LOW;
      }
      return NEGLIGIBLE;
    }
  }
}
