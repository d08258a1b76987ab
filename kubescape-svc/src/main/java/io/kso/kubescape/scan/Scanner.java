package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.bundle.FrameworkSpec;
import io.kso.kubescape.engine.CompiledRule;
import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Inventory;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.engine.RuleEvaluator;
import io.kso.kubescape.engine.RuleOutcome;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Scans resources against a bundle: selects controls, evaluates their rules, scores. */
public final class Scanner {
  private final Bundle bundle;
  private final Map<String, CompiledRule> rules = new ConcurrentHashMap<>();
  private final RuleCompiler compiler = new RuleCompiler();

  /** Rules compile on first use, once per scanner. */
  public Scanner(Bundle bundle) {
    this.bundle = bundle;
  }

  private CompiledRule rule(String name) {
    return rules.computeIfAbsent(name, n -> compiler.compile(bundle.rules().get(n)));
  }

  public Bundle bundle() {
    return bundle;
  }

  public ScanReport scan(List<Resource> resources, ScanOptions options) {
    return scan(resources, options, done -> {});
  }

  /**
   * @param progress called with the name of each rule once evaluated (from worker threads)
   */
  public ScanReport scan(List<Resource> resources, ScanOptions options, Consumer<String> progress) {
    List<ControlSpec> controls = ControlSelection.select(bundle, options);
    Map<String, List<String>> inputs = new HashMap<>(bundle.defaultInputs());
    inputs.putAll(options.inputs());
    RuleEvaluator evaluator = new RuleEvaluator(new Inventory(resources), inputs, Map.of());
    Set<String> needed = new LinkedHashSet<>();
    controls.forEach(
        c -> c.rules().stream().filter(bundle.rules()::containsKey).forEach(needed::add));
    Map<String, RuleOutcome> outcomes = new ConcurrentHashMap<>();
    needed.parallelStream()
        .forEach(
            name -> {
              outcomes.put(name, evaluator.evaluate(rule(name)));
              progress.accept(name);
            });
    ResourceTable table = new ResourceTable();
    resources.forEach(table::add);
    List<String> errors = new ArrayList<>();
    outcomes.values().forEach(o -> o.errors().forEach(e -> errors.add(o.rule() + ": " + e)));
    List<String> frameworks = ControlSelection.frameworkNames(bundle, options);
    List<ControlResult> results = new ArrayList<>();
    for (ControlSpec c : controls) {
      results.add(controlResult(c, outcomes, options, frameworks, table));
    }
    return Scoring.report(bundle, table, results, frameworks, errors);
  }

  private ControlResult controlResult(
      ControlSpec c,
      Map<String, RuleOutcome> outcomes,
      ScanOptions options,
      List<String> frameworks,
      ResourceTable table) {
    if (!bundle.evaluable(c)) {
      return new ControlResult(
          c,
          Status.SKIPPED,
          table,
          new BitSet(),
          Map.of(),
          Map.of(),
          Map.of(),
          new ControlResult.Scores(0, 0, 0, 0));
    }
    BitSet evaluated = new BitSet(table.size());
    Map<String, Status> notPassed = new TreeMap<>();
    Map<String, List<Finding>> findings = new TreeMap<>();
    for (String rule : c.rules()) {
      RuleOutcome o = outcomes.get(rule);
      if (o == null) {
        continue;
      }
      for (Resource r : o.evaluated()) {
        evaluated.set(table.add(r));
      }
      for (Finding f : o.findings()) {
        if (f.objects().isEmpty()) {
          findings.computeIfAbsent("", k -> new ArrayList<>()).add(f);
          continue;
        }
        for (Map<String, Object> obj : f.objects()) {
          Resource r = new Resource(obj, "", f.external());
          evaluated.set(table.add(r));
          notPassed.put(r.id(), Status.FAILED);
          findings.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(f);
        }
      }
    }
    Map<String, String> excepted = new TreeMap<>();
    List<PostureException> applicable =
        options.exceptions().stream().filter(e -> e.coversControl(c, frameworks)).toList();
    if (!applicable.isEmpty()) {
      for (Map.Entry<String, Status> e : notPassed.entrySet()) {
        Resource r = table.get(table.indexOf(e.getKey()));
        applicable.stream()
            .filter(x -> x.coversResource(r))
            .findFirst()
            .ifPresent(
                x -> {
                  e.setValue(Status.EXCEPTED);
                  excepted.put(r.id(), x.name());
                });
      }
    }
    boolean failed = notPassed.containsValue(Status.FAILED) || findings.containsKey("");
    Status status = failed ? Status.FAILED : Status.PASSED;
    return new ControlResult(
        c,
        status,
        table,
        evaluated,
        notPassed,
        findings,
        excepted,
        Scoring.control(c, status, table, evaluated, notPassed));
  }

  /** Which controls and frameworks a scan covers. */
  static final class ControlSelection {
    private ControlSelection() {}

    static List<String> frameworkNames(Bundle bundle, ScanOptions options) {
      if (!options.frameworks().isEmpty()) {
        List<String> out = new ArrayList<>();
        for (String f : options.frameworks()) {
          FrameworkSpec fw = bundle.framework(f);
          if (fw == null) {
            throw new IllegalArgumentException("unknown framework: " + f);
          }
          out.add(fw.name());
        }
        return out;
      }
      return options.controls().isEmpty()
          ? new ArrayList<>(new TreeMap<>(bundle.frameworks()).keySet())
          : List.of();
    }

    static List<ControlSpec> select(Bundle bundle, ScanOptions options) {
      Set<String> ids = new java.util.TreeSet<>();
      for (String f : frameworkNames(bundle, options)) {
        ids.addAll(bundle.framework(f).controls());
      }
      for (String id : options.controls()) {
        if (!bundle.controls().containsKey(id)) {
          throw new IllegalArgumentException("unknown control: " + id);
        }
        ids.add(id);
      }
      List<ControlSpec> out = new ArrayList<>();
      ids.stream().map(bundle.controls()::get).filter(java.util.Objects::nonNull).forEach(out::add);
      return out;
    }
  }
}
