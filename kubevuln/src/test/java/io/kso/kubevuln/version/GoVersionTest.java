package io.kso.kubevuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GoVersionTest {
  /** Oracle rows that only hold where numbers compare as strings (golang/mod at 8b44629). */
  static final Set<String> LEXICAL_ROWS = Set.of("v1.19 v1.2");

  private final GoVersion go = new GoVersion();

  @Test
  void comparesMinorVersionsAsNumbers() {
    assertThat(go.compareStrict("v1.19", "v1.2")).isPositive();
    assertThat(go.compare("1.9", "1.10")).isNegative();
  }

  @Test
  void readsOsvAndToolchainSpellings() {
    assertThat(go.compare("1.19", "v1.19.0")).isZero();
    assertThat(go.compare("go1.21.1", "1.21.0")).isPositive();
    assertThat(go.compare("1.18.0-0", "1.18.0")).isNegative();
  }

  @Test
  void ordersPseudoVersionsBeforeTheirRelease() {
    String pseudo = "v0.0.0-20210817142637-7d9622a276b7";
    assertThat(go.compare(pseudo, "0.0.0-20220412211240-33da011f77ad")).isNegative();
    assertThat(go.compare(pseudo, "0.1.0")).isNegative();
  }

  @Test
  void ignoresIncompatibleBuildMetadata() {
    assertThat(go.compare("v2.0.0+incompatible", "2.0.0")).isZero();
    assertThat(go.compare("v2.1.0+incompatible", "2.0.9")).isPositive();
  }
}
