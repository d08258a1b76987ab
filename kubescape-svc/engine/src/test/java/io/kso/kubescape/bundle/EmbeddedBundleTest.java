package io.kso.kubescape.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.engine.CompiledRuleCache;
import io.kso.kubescape.engine.RuleCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded bundle is consistent: every rule compiles, names match files, references resolve.
 */
class EmbeddedBundleTest {
  static final Bundle BUNDLE = BundleLoader.embedded();

  @Test
  void everyRuleCompilesFromItsSource() {
    RuleCompiler compiler = new RuleCompiler(CompiledRuleCache.empty());
    List<String> failures = new ArrayList<>();
    for (RuleSpec r : BUNDLE.rules().values()) {
      try {
        compiler.compile(r);
      } catch (BundleException e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(BUNDLE.rules()).hasSizeGreaterThan(100);
  }

  @Test
  void eachRuleFileIsNamedAfterItsRule() throws Exception {
    Map<String, String> files = BundleFiles.directory(Path.of("src/main/resources/bundle"));
    files.forEach(
        (path, text) -> {
          if (path.startsWith("rules/")) {
            String name = path.substring("rules/".length(), path.length() - ".yaml".length());
            assertThat(
                    BundleLoader.rule(io.kso.kubescape.input.YamlDocuments.parseSingle(text))
                        .name())
                .as(path)
                .isEqualTo(name);
          }
        });
    assertThat(Files.isDirectory(Path.of("src/main/resources/bundle/rules"))).isTrue();
  }

  @Test
  void frameworksNameExistingControlsAndDefaultsAreLoaded() {
    BUNDLE
        .frameworks()
        .values()
        .forEach(
            f -> assertThat(BUNDLE.controls().keySet()).as(f.name()).containsAll(f.controls()));
    assertThat(BUNDLE.framework("nsa")).isNotNull();
    assertThat(BUNDLE.defaultInputs()).containsKey("insecureCapabilities");
  }
}
