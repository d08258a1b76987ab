package io.kso.kubevuln.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code 7d}, {@code 36h}, {@code 90m} or ISO-8601 ({@code P7D}) durations. */
final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("p")) {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    }
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 'd' -> Duration.ofDays(n);
      case 'h' -> Duration.ofHours(n);
      case 'm' -> Duration.ofMinutes(n);
      case 's' -> Duration.ofSeconds(n);
      default ->
          throw new IllegalArgumentException("not a duration: " + value + " (use 7d, 36h, 90m)");
    };
  }

  static String format(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    return days > 0 ? days + "d" + hours + "h" : d.toHours() + "h" + d.toMinutesPart() + "m";
  }
}
