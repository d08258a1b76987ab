package io.kso.kubescape.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.bundle.RuleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked trees built into the jar stand in for compiling the embedded rules. */
class CompiledRuleCacheTest {
  static final Map<String, RuleSpec> RULES = BundleLoader.embedded().rules();

  @Test
  void holdsACheckedTreeForEveryEmbeddedRule() {
    CompiledRuleCache cache = CompiledRuleCache.embedded();

    assertThat(cache.size()).isEqualTo(RULES.size());
    RULES
        .values()
        .forEach(
            r -> assertThat(cache.get(r.name(), RuleCompiler.source(r))).as(r.name()).isPresent());
  }

  @Test
  void aRuleWhoseSourceChangedIsNotServedFromTheCache() {
    RuleSpec r = RULES.get("host-network-access");
    RuleSpec changed =
        new RuleSpec(
            r.name(),
            r.description(),
            r.kinds(),
            r.prepare(),
            r.scope(),
            r.let(),
            "[]",
            r.inputs());

    assertThat(CompiledRuleCache.embedded().get(r.name(), RuleCompiler.source(changed))).isEmpty();
    CompiledRule compiled = new RuleCompiler().compile(changed);
    RuleOutcome out =
        new RuleEvaluator(new Inventory(List.of(pod())), Map.of(), Map.of()).evaluate(compiled);
    assertThat(out.findings()).isEmpty();
  }

  @Test
  void aRuleFromTheCacheFindsWhatTheSameRuleCompiledFromSourceFinds() {
    RuleSpec r = RULES.get("host-network-access");
    RuleEvaluator evaluator = new RuleEvaluator(new Inventory(List.of(pod())), Map.of(), Map.of());

    RuleOutcome cached = evaluator.evaluate(new RuleCompiler().compile(r));
    RuleOutcome fromSource =
        evaluator.evaluate(new RuleCompiler(CompiledRuleCache.empty()).compile(r));

    assertThat(cached.findings()).hasSize(1).isEqualTo(fromSource.findings());
    assertThat(cached.findings().get(0).paths().delete()).containsExactly("spec.hostNetwork");
  }

  private static Resource pod() {
    return Resource.of(
        Values.toCelMap(
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Pod",
                "metadata",
                Map.of("name", "p", "namespace", "x"),
                "spec",
                Map.of("hostNetwork", true, "containers", List.of(Map.of("name", "c"))))),
        "test");
  }
}
