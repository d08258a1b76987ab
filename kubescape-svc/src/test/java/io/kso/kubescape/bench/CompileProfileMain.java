package io.kso.kubescape.bench;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.bundle.RuleSpec;
import io.kso.kubescape.engine.RuleCompiler;
import java.lang.management.ManagementFactory;

/** CPU time of checking vs compiling every rule, twice (cold, then warm). */
public final class CompileProfileMain {
  private CompileProfileMain() {}

  public static void main(String[] args) throws Exception {
    var bean = ManagementFactory.getThreadMXBean();
    long c0 = bean.getCurrentThreadCpuTime();
    Bundle bundle = BundleLoader.embedded();
    long c1 = bean.getCurrentThreadCpuTime();
    System.out.printf("load cpu %.2fs%n", (c1 - c0) / 1e9);
    RuleCompiler compiler = new RuleCompiler();
    for (int round = 0; round < 2; round++) {
      long a = bean.getCurrentThreadCpuTime();
      for (RuleSpec r : bundle.rules().values()) {
        compiler.check(r);
      }
      long b = bean.getCurrentThreadCpuTime();
      for (RuleSpec r : bundle.rules().values()) {
        compiler.compile(r);
      }
      long c = bean.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d: check cpu %.2fs, check+program cpu %.2fs%n",
          round, (b - a) / 1e9, (c - b) / 1e9);
    }
  }
}
