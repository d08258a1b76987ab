package io.kso.httprequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the Go way ({@code 30s}, {@code 1m30s}, {@code 500ms}); a bare number means
 * seconds.
 */
final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  static Duration parse(String text) {
    String s = text.trim();
    if (s.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.lookingAt()) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      end = m.end();
      m.region(end, s.length());
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException(
          "bad duration '" + text + "', want e.g. 30s, 500ms, 1m30s");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
