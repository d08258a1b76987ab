package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.engine.CompiledRule;
import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Inventory;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.engine.RuleEvaluator;
import io.kso.kubescape.engine.RuleOutcome;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
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
  /** The report's skip reason when no resources were given. */
  public static final String NOTHING_SCANNED =
      "nothing was scanned: no Kubernetes objects were read";

  /** A control's skip reason when no resources were given. */
  public static final String NO_OBJECTS = "no objects were scanned";

  /** A control's skip reason when none of its rules is in the bundle. */
  public static final String NOT_IN_BUNDLE = "none of its rules is in the bundle";

  /** How a control's skip reason for unreadable kinds begins; the kinds and reasons follow. */
  public static final String UNREADABLE = "objects it needs could not be read: ";

  private final Bundle bundle;
  private final Map<String, CompiledRule> rules = new ConcurrentHashMap<>();
  private final RuleCompiler compiler;

  /** Rules compile on first use, once per scanner. */
  public Scanner(Bundle bundle) {
    this(bundle, new RuleCompiler());
  }

  public Scanner(Bundle bundle, RuleCompiler compiler) {
    this.bundle = bundle;
    this.compiler = compiler;
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
    if (resources.isEmpty()) {
      return nothingScanned(controls, options);
    }
    Map<String, String> unreadable = unreadable(controls, options.unreadableKinds());
    Map<String, List<String>> inputs = new HashMap<>(bundle.defaultInputs());
    inputs.putAll(options.inputs());
    RuleEvaluator evaluator = new RuleEvaluator(new Inventory(resources), inputs, Map.of());
    Set<String> needed = new LinkedHashSet<>();
    controls.stream()
        .filter(c -> !unreadable.containsKey(c.id()))
        .forEach(c -> c.rules().stream().filter(bundle.rules()::containsKey).forEach(needed::add));
    Map<String, RuleOutcome> outcomes = new ConcurrentHashMap<>();
    RuleQueue.drain(
        largestFirst(needed, resources),
        name -> {
          outcomes.put(name, evaluator.evaluate(rule(name)));
          progress.accept(name);
        });
    ResourceTable table = new ResourceTable();
    resources.forEach(table::add);
    Map<String, IndexedOutcome> indexed = index(controls, outcomes, table);
    double[] weights = new double[table.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Scoring.weight(table.get(i));
    }
    List<String> errors = new ArrayList<>();
    outcomes.values().forEach(o -> o.errors().forEach(e -> errors.add(o.rule() + ": " + e)));
    List<String> frameworks = ControlSelection.frameworkNames(bundle, options);
    List<ControlResult> results =
        controls.parallelStream()
            .map(
                c ->
                    controlResult(
                        c, new Context(indexed, options, frameworks, table, weights, unreadable)))
            .toList();
    return Scoring.report(bundle, table, results, frameworks, errors, "");
  }

  /**
   * The skip reason of each control that needs a kind that could not be read: any of its rules (in
   * the bundle) that sees or looks up that kind, or sees every kind.
   */
  private Map<String, String> unreadable(List<ControlSpec> controls, Map<String, String> kinds) {
    Map<String, String> out = new HashMap<>();
    if (kinds.isEmpty()) {
      return out;
    }
    for (ControlSpec c : controls) {
      Map<String, String> missing = new TreeMap<>();
      c.rules().stream()
          .map(bundle.rules()::get)
          .filter(java.util.Objects::nonNull)
          .forEach(rule -> missing.putAll(RuleKinds.unreadable(rule, kinds)));
      if (!missing.isEmpty()) {
        List<String> each = new ArrayList<>();
        missing.forEach((kind, reason) -> each.add(kind + " (" + reason + ")"));
        out.put(c.id(), UNREADABLE + String.join("; ", each));
      }
    }
    return out;
  }

  /** Every control skipped, no score: a scan over nothing has neither passed nor failed. */
  private ScanReport nothingScanned(List<ControlSpec> controls, ScanOptions options) {
    ResourceTable table = new ResourceTable();
    List<ControlResult> results =
        controls.stream().map(c -> ControlResult.skipped(c, table, NO_OBJECTS)).toList();
    return Scoring.report(
        bundle,
        table,
        results,
        ControlSelection.frameworkNames(bundle, options),
        List.of(),
        NOTHING_SCANNED);
  }

  /**
   * The rules, those with the most candidate objects first, so that the threads, each taking the
   * next rule when done with one, do not end the scan with one of them still on a large rule.
   */
  private List<String> largestFirst(Set<String> rules, List<Resource> resources) {
    Map<String, Integer> perKind = new HashMap<>();
    resources.forEach(r -> perKind.merge(r.kind(), 1, Integer::sum));
    Map<String, Integer> candidates = new HashMap<>();
    for (String name : rules) {
      List<String> kinds = bundle.rules().get(name).kinds();
      candidates.put(
          name,
          kinds.isEmpty()
              ? resources.size()
              : kinds.stream().mapToInt(k -> perKind.getOrDefault(k, 0)).sum());
    }
    List<String> out = new ArrayList<>(rules);
    out.sort(Comparator.comparing(candidates::get, Comparator.reverseOrder()));
    return out;
  }

  /** A rule's outcome in table indices: what it looked at, and whom each finding reports. */
  private record IndexedOutcome(RuleOutcome outcome, BitSet evaluated, int[][] targets) {}

  /** What every control's result is computed from. */
  private record Context(
      Map<String, IndexedOutcome> outcomes,
      ScanOptions options,
      List<String> frameworks,
      ResourceTable table,
      double[] weights,
      Map<String, String> unreadable) {}

  /**
   * Adds every resource the rules looked at or reported to the table, in control order (so that the
   * table's order does not depend on threads), and translates the outcomes to indices.
   */
  private Map<String, IndexedOutcome> index(
      List<ControlSpec> controls, Map<String, RuleOutcome> outcomes, ResourceTable table) {
    Map<String, IndexedOutcome> out = new HashMap<>();
    for (ControlSpec c : controls) {
      if (!bundle.evaluable(c)) {
        continue;
      }
      for (String rule : c.rules()) {
        RuleOutcome o = outcomes.get(rule);
        if (o == null || out.containsKey(rule)) {
          continue;
        }
        BitSet evaluated = new BitSet(table.size());
        o.evaluated().forEach(r -> evaluated.set(table.add(r)));
        int[][] targets = new int[o.findings().size()][];
        for (int i = 0; i < targets.length; i++) {
          Finding f = o.findings().get(i);
          targets[i] = f.objects().stream().mapToInt(obj -> table.add(obj, f.external())).toArray();
        }
        out.put(rule, new IndexedOutcome(o, evaluated, targets));
      }
    }
    return out;
  }

  private ControlResult controlResult(ControlSpec c, Context ctx) {
    ResourceTable table = ctx.table();
    if (!bundle.evaluable(c)) {
      return ControlResult.skipped(c, table, NOT_IN_BUNDLE);
    }
    if (ctx.unreadable().containsKey(c.id())) {
      return ControlResult.skipped(c, table, ctx.unreadable().get(c.id()));
    }
    BitSet evaluated = new BitSet(table.size());
    BitSet notPassedAt = new BitSet(table.size());
    Map<Integer, List<Finding>> byIndex = new HashMap<>();
    List<Finding> unattached = new ArrayList<>();
    for (String rule : c.rules()) {
      IndexedOutcome o = ctx.outcomes().get(rule);
      if (o == null) {
        continue;
      }
      evaluated.or(o.evaluated());
      List<Finding> findings = o.outcome().findings();
      for (int i = 0; i < findings.size(); i++) {
        if (o.targets()[i].length == 0) {
          unattached.add(findings.get(i));
        }
        for (int at : o.targets()[i]) {
          evaluated.set(at);
          notPassedAt.set(at);
          byIndex.computeIfAbsent(at, k -> new ArrayList<>()).add(findings.get(i));
        }
      }
    }
    Map<String, Status> notPassed = new TreeMap<>();
    Map<String, List<Finding>> findings = new TreeMap<>();
    Map<String, String> excepted = new TreeMap<>();
    if (!unattached.isEmpty()) {
      findings.put("", unattached);
    }
    List<PostureException> applicable =
        ctx.options().exceptions().stream()
            .filter(e -> e.coversControl(c, ctx.frameworks()))
            .toList();
    BitSet failedAt = (BitSet) notPassedAt.clone();
    for (int i = notPassedAt.nextSetBit(0); i >= 0; i = notPassedAt.nextSetBit(i + 1)) {
      Resource r = table.get(i);
      Status status = Status.FAILED;
      for (PostureException x : applicable) {
        if (x.coversResource(r)) {
          status = Status.EXCEPTED;
          excepted.put(r.id(), x.name());
          failedAt.clear(i);
          break;
        }
      }
      notPassed.put(r.id(), status);
      findings.put(r.id(), byIndex.get(i));
    }
    boolean failed = !failedAt.isEmpty() || !unattached.isEmpty();
    Status status = failed ? Status.FAILED : Status.PASSED;
    return new ControlResult(
        c,
        status,
        table,
        evaluated,
        notPassed,
        notPassedAt,
        findings,
        excepted,
        Scoring.control(c, status, ctx.weights(), evaluated, failedAt));
  }
}
