package io.kso.kubescape.bench;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.CompiledRule;
import io.kso.kubescape.engine.Inventory;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.engine.RuleEvaluator;
import io.kso.kubescape.engine.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where the time of a scan goes, per phase and per rule (a developer tool, not a test). */
public final class ProfileMain {
  private ProfileMain() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    long t0 = System.nanoTime();
    Bundle bundle = BundleLoader.embedded();
    long t1 = System.nanoTime();
    RuleCompiler compiler = new RuleCompiler();
    Map<String, CompiledRule> rules = new TreeMap<>();
    bundle.rules().values().forEach(r -> rules.put(r.name(), compiler.compile(r)));
    long t2 = System.nanoTime();
    List<Resource> resources = new ArrayList<>();
    for (Map<String, Object> o : SyntheticCluster.generate(n, 42)) {
      resources.add(Resource.of(Values.toCelMap(o), "synthetic"));
    }
    long t3 = System.nanoTime();
    RuleEvaluator ev =
        new RuleEvaluator(new Inventory(resources), bundle.defaultInputs(), Map.of());
    Map<String, Long> perRule = new TreeMap<>();
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 2; round++) {
      long cpu0 = bean.getCurrentThreadCpuTime();
      for (CompiledRule r : rules.values()) {
        long s = bean.getCurrentThreadCpuTime();
        ev.evaluate(r);
        perRule.put(r.spec().name(), bean.getCurrentThreadCpuTime() - s);
      }
      System.out.printf(
          "round %d evaluate cpu %.2fs%n", round, (bean.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }
    long t4 = System.nanoTime();
    System.out.printf(
        "load %.2fs compile %.2fs generate %.2fs evaluate(2 rounds) %.2fs%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
    perRule.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(15)
        .forEach(e -> System.out.printf("  %8.1f ms %s%n", e.getValue() / 1e6, e.getKey()));
  }
}
