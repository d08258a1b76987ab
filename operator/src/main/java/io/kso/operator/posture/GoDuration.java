package io.kso.operator.posture;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as Go prints them ({@code 40s}, {@code 1m30s}, {@code 2h0m0s}, {@code 100ms}). */
final class GoDuration {
  private GoDuration() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = duration.toHours();
    long minutes = duration.toMinutesPart();
    String seconds =
        BigDecimal.valueOf(duration.toSecondsPart() * 1000L + duration.toMillisPart(), 3)
                .stripTrailingZeros()
                .toPlainString()
            + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds;
    }
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }
}
