package io.kso.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
  @Test
  void neverHandsOutThePortTwice() {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      assertThat(ports.add(SuiteLayout.freePort())).as("port %d handed out twice", i).isTrue();
    }
  }
}
