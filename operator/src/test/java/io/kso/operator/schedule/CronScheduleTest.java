package io.kso.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 8 * * *",
        "* * * * *",
        "*/15 0-6 1,15 * 1-5",
        "0 0 * * SUN",
        "30 2 * JAN,JUL *",
        "@daily",
        "@hourly"
      })
  void acceptsWhatACronJobAccepts(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "60 * * * *",
        "0 24 * * *",
        "* * 32 * *",
        "* * * 13 *",
        "0 8 * *",
        "0 0 8 * * *",
        "every day",
        "@sometimes"
      })
  void refusesWhatACronJobRefuses(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isPresent();
  }
}
