package io.kso.common.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceNamesTest {

  @Test
  void truncatesCronJobNamesTo52Characters() {
    String name = "ks-scheduled-scan-" + "a".repeat(60);

    assertThat(ResourceNames.cronJobName(name)).hasSize(52).startsWith("ks-scheduled-scan-aaa");
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource({
    "ks-scheduled-scan-NSA, ks-scheduled-scan-nsa",
    "kubevuln-schedule-123, kubevuln-schedule-123",
    "ks-scheduled-scan-cis-v1.23-t1.0, ks-scheduled-scan-cis-v1-23-t1-0",
    "name-with-trailing---, name-with-trailing",
    "a_b c, a-b-c",
    "'---', invalid-name-was-given",
  })
  void normalisesNamesAsTheOriginalDid(String given, String expected) {
    assertThat(ResourceNames.cronJobName(given)).isEqualTo(expected);
  }

  @Test
  void stripsTrailingDashesBeforeReplacingSoAReplacedCharacterMayStillEndTheName() {
    assertThat(ResourceNames.cronJobName("scan.")).isEqualTo("scan-");
  }

  @Test
  void stripsDashesLeftAtTheCut() {
    String name = "a".repeat(51) + "-b";

    assertThat(ResourceNames.cronJobName(name)).isEqualTo("a".repeat(51));
  }

  @ParameterizedTest(name = "''{0}'' valid={1}")
  @CsvSource({
    "kubevuln-schedule-123, true",
    "Kubevuln, false",
    "-scan, false",
    "scan-, false",
    "a.b, false",
    "'', false",
  })
  void validatesCronJobNames(String name, boolean valid) {
    assertThat(ResourceNames.isValidCronJobName(name)).isEqualTo(valid);
  }

  @Test
  void refusesNamesLongerThan52() {
    assertThat(ResourceNames.isValidCronJobName("a".repeat(52))).isTrue();
    assertThat(ResourceNames.isValidCronJobName("a".repeat(53))).isFalse();
  }
}
