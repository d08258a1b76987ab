package io.kso.kubescape.harness;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.RuleSpec;
import io.kso.kubescape.engine.CompiledRule;
import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Inventory;
import io.kso.kubescape.engine.K8s;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.engine.RuleEvaluator;
import io.kso.kubescape.engine.RuleOutcome;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.harness.OracleCase.Failure;
import io.kso.kubescape.harness.OracleCase.ObjectId;
import io.kso.kubescape.harness.OracleCase.RelatedId;
import io.kso.kubescape.input.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Runs oracle cases through the engine the way Kubescape's rule test runner does. */
final class OracleHarness {
  private final Bundle bundle;
  private final RuleCompiler compiler = new RuleCompiler();
  private final Map<String, Object> compiled = new HashMap<>();

  OracleHarness(Bundle bundle) {
    this.bundle = bundle;
  }

  /** The verdict on one case. */
  record Verdict(OracleCase c, boolean passed, String reason, List<Failure> actual) {}

  Verdict run(OracleCase c) {
    RuleSpec spec = bundle.rules().get(c.rule());
    if (spec == null) {
      return new Verdict(c, false, "rule not in the bundle", List.of());
    }
    Object rule = compiled.computeIfAbsent(c.rule(), k -> compileOrError(spec));
    if (rule instanceof String error) {
      return new Verdict(c, false, "does not compile: " + error, List.of());
    }
    List<Resource> resources;
    try {
      resources = inputs(c);
    } catch (IOException | RuntimeException e) {
      return new Verdict(c, false, "inputs: " + e.getMessage(), List.of());
    }
    RuleOutcome out =
        new RuleEvaluator(new Inventory(resources), c.inputs(), c.data())
            .evaluate((CompiledRule) rule);
    List<Failure> actual = new ArrayList<>();
    for (Finding f : out.findings()) {
      Failure a = failure(f);
      if (!actual.contains(a)) {
        actual.add(a);
      }
    }
    if (!out.errors().isEmpty()) {
      return new Verdict(c, false, "evaluation errors: " + out.errors(), actual);
    }
    String diff = compare(c.expected(), actual);
    return new Verdict(c, diff == null, diff, actual);
  }

  private Object compileOrError(RuleSpec spec) {
    try {
      return compiler.compile(spec);
    } catch (RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  static List<Resource> inputs(OracleCase c) throws IOException {
    List<Resource> out = new ArrayList<>();
    for (String f : c.inputFiles()) {
      String text = Files.readString(Path.of(c.dir()).resolve(f));
      Object doc = YamlDocuments.parseFirst(text);
      if (doc instanceof Map<?, ?>) {
        out.add(Resource.of(Values.toCelMap(doc), f));
      }
    }
    return out;
  }

  static Failure failure(Finding f) {
    List<ObjectId> objects = new ArrayList<>();
    for (Map<String, Object> o : f.objects()) {
      objects.add(new ObjectId(K8s.kind(o), K8s.name(o), K8s.namespace(o)));
    }
    List<RelatedId> related = new ArrayList<>();
    for (Finding.Related r : f.related()) {
      related.add(
          new RelatedId(
              new ObjectId(K8s.kind(r.object()), K8s.name(r.object()), null),
              paths(r.paths()),
              fixes(r.paths())));
    }
    return new Failure(objects, paths(f.paths()), fixes(f.paths()), related);
  }

  private static List<String> paths(Finding.Paths p) {
    TreeSet<String> s = new TreeSet<>();
    p.failed().forEach(x -> s.add(OracleCases.normalise(x)));
    p.review().forEach(x -> s.add(OracleCases.normalise(x)));
    p.delete().forEach(x -> s.add(OracleCases.normalise(x)));
    return new ArrayList<>(s);
  }

  private static List<String> fixes(Finding.Paths p) {
    TreeSet<String> s = new TreeSet<>();
    p.fix().forEach(x -> s.add(OracleCases.normalise(x.path()) + "=" + x.value()));
    return new ArrayList<>(s);
  }

  /** Null when the multisets match; otherwise what differs. */
  static String compare(List<Failure> expected, List<Failure> actual) {
    List<Failure> left = new ArrayList<>(actual);
    List<Failure> missing = new ArrayList<>();
    for (Failure e : expected) {
      Failure hit = left.stream().filter(a -> same(e, a)).findFirst().orElse(null);
      if (hit == null) {
        missing.add(e);
      } else {
        left.remove(hit);
      }
    }
    if (missing.isEmpty() && left.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    missing.forEach(m -> b.append("\n      missing:    ").append(m));
    left.forEach(m -> b.append("\n      unexpected: ").append(m));
    return b.toString();
  }

  static boolean same(Failure e, Failure a) {
    if (e.objects().size() != a.objects().size()
        || !e.paths().equals(a.paths())
        || !e.fixes().equals(a.fixes())
        || e.related().size() != a.related().size()) {
      return false;
    }
    for (int i = 0; i < e.objects().size(); i++) {
      ObjectId x = e.objects().get(i);
      if (a.objects().stream().noneMatch(x::matches)) {
        return false;
      }
    }
    for (RelatedId r : e.related()) {
      boolean found =
          a.related().stream()
              .anyMatch(
                  q ->
                      r.object().matches(q.object())
                          && r.paths().equals(q.paths())
                          && r.fixes().equals(q.fixes()));
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
