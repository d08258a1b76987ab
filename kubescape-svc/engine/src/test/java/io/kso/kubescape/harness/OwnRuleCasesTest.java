package io.kso.kubescape.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.Inventory;
import io.kso.kubescape.engine.K8s;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.engine.RuleEvaluator;
import io.kso.kubescape.engine.RuleOutcome;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.harness.OracleCase.Failure;
import io.kso.kubescape.harness.OracleCase.ObjectId;
import io.kso.kubescape.input.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own cases for rules the regolibrary oracle has no test for: {@code
 * src/test/resources/rule-cases/<rule>.yaml}, a list of {@code {case, inputs: {name: [...]},
 * objects: [...], expect: [{kind, name, paths: [...], fixes: ["path=value"], related:
 * ["Kind/name"]}]}}. Compared the way the oracle harness compares.
 */
class OwnRuleCasesTest {
  static final Bundle BUNDLE = BundleLoader.embedded();
  static final RuleCompiler COMPILER = new RuleCompiler();

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/rule-cases"))) {
      for (Path f : files.sorted().toList()) {
        String rule = f.getFileName().toString().replace(".yaml", "");
        for (Object c : (List<?>) YamlDocuments.parseFirst(Files.readString(f))) {
          Map<String, Object> m = K8s.map(Values.toCel(c));
          out.add(Arguments.of(rule, K8s.str(m.get("case")), m));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void ruleFindsWhatTheCaseExpects(String rule, String name, Map<String, Object> c) {
    assertThat(BUNDLE.rules()).containsKey(rule);
    List<Resource> resources = new ArrayList<>();
    K8s.list(c.get("objects")).forEach(o -> resources.add(Resource.of(K8s.map(o), name)));
    Map<String, List<String>> inputs = new HashMap<>(BUNDLE.defaultInputs());
    K8s.map(c.get("inputs"))
        .forEach((k, v) -> inputs.put(k, K8s.list(v).stream().map(String::valueOf).toList()));
    RuleOutcome out =
        new RuleEvaluator(new Inventory(resources), inputs, Map.of())
            .evaluate(COMPILER.compile(BUNDLE.rules().get(rule)));
    assertThat(out.errors()).isEmpty();
    List<Failure> actual = out.findings().stream().map(OracleHarness::failure).distinct().toList();
    List<Failure> expected = new ArrayList<>();
    for (Object e : K8s.list(c.get("expect"))) {
      Map<String, Object> m = K8s.map(e);
      expected.add(
          new Failure(
              List.of(new ObjectId(K8s.str(m.get("kind")), K8s.str(m.get("name")), null)),
              sorted(m.get("paths")),
              sorted(m.get("fixes")),
              K8s.list(m.get("related")).stream()
                  .map(String::valueOf)
                  .map(
                      r ->
                          new OracleCase.RelatedId(
                              new ObjectId(r.split("/")[0], r.split("/")[1], null),
                              List.of(),
                              List.of()))
                  .toList()));
    }
    assertThat(OracleHarness.compare(expected, actual)).as("differences").isNull();
  }

  private static List<String> sorted(Object o) {
    TreeSet<String> s = new TreeSet<>();
    K8s.list(o).forEach(x -> s.add(String.valueOf(x)));
    return new ArrayList<>(s);
  }
}
