package io.kso.kubescape.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.bundle.RuleSpec;
import io.kso.kubescape.bundle.RuleSpec.Preparation;
import io.kso.kubescape.bundle.RuleSpec.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
  private static final RuleCompiler COMPILER = new RuleCompiler();

  @Test
  void identicalFindingsOfOneRuleCountOnceInTheOrderFound() {
    RuleOutcome outcome =
        evaluate(
            "[{'message': 'm', 'failedPaths': ['a']}, {'message': 'm', 'failedPaths': ['b']},"
                + " {'message': 'm', 'failedPaths': ['a']}]",
            pod("one"),
            pod("two"));

    assertThat(outcome.findings())
        .extracting(f -> K8s.name(f.objects().get(0)) + ":" + f.paths().failed())
        .containsExactly("one:[a]", "one:[b]", "two:[a]", "two:[b]");
  }

  @Test
  void findingsNamingTheSameOtherObjectFromTwoObjectsCountOnce() {
    RuleOutcome outcome =
        evaluate(
            "[{'message': 'shared', 'object': objectsOfKind('Namespace')[0]}]",
            pod("one"),
            pod("two"),
            Values.toCelMap(
                Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "Namespace",
                    "metadata",
                    Map.of("name", "default"))));

    assertThat(outcome.findings()).hasSize(1);
    assertThat(K8s.name(outcome.findings().get(0).objects().get(0))).isEqualTo("default");
  }

  @SafeVarargs
  private static RuleOutcome evaluate(String failures, Map<String, Object>... objects) {
    RuleSpec spec =
        new RuleSpec(
            "test-rule",
            "",
            List.of("Pod"),
            Preparation.NONE,
            Scope.EACH,
            Map.of(),
            failures,
            List.of());
    List<Resource> resources = Arrays.stream(objects).map(o -> Resource.of(o, "test")).toList();
    return new RuleEvaluator(new Inventory(resources), Map.of(), Map.of())
        .evaluate(COMPILER.compile(spec));
  }

  private static Map<String, Object> pod(String name) {
    return Values.toCelMap(
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Map.of("name", name, "namespace", "default")));
  }
}
