package io.kso.kubescape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The engine's patched {@code dev.cel.runtime.DefaultInterpreter} wins over cel-java's own on the
 * service's class path too (the engine is its first dependency); ScanJarIT checks the packaged jar.
 */
class PatchedInterpreterTest {
  @Test
  void theInterpreterComesFromTheEngine() throws Exception {
    String from =
        Class.forName("dev.cel.runtime.DefaultInterpreter")
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toString();

    assertThat(from).containsAnyOf("/kubescape-engine-", "/engine/target/classes");
  }
}
