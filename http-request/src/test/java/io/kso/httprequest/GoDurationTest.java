package io.kso.httprequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  @ParameterizedTest
  @CsvSource({
    "30s,PT30S",
    "500ms,PT0.5S",
    "1m30s,PT1M30S",
    "1.5s,PT1.5S",
    "2h,PT2H",
    "250us,PT0.00025S",
    "10,PT10S"
  })
  void readsGoDurations(String text, String iso) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "30 s", "-1s", "1d", "30s garbage", "PT30S"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad duration");
  }

  @ParameterizedTest
  @CsvSource({"PT30S,30s", "PT0.5S,500ms", "PT0.001S,1ms"})
  void formatsShortly(String iso, String text) {
    assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(text);
  }
}
