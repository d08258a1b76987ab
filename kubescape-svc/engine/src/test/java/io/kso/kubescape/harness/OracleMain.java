package io.kso.kubescape.harness;

import io.kso.kubescape.bundle.BundleFiles;
import io.kso.kubescape.bundle.BundleLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness from the command line, reading the bundle from the source tree (no build needed for
 * rule edits): {@code java -cp ... io.kso.kubescape.harness.OracleMain [rule,rule...]}.
 */
public final class OracleMain {
  private OracleMain() {}

  public static void main(String[] args) throws Exception {
    String only = args.length > 0 ? args[0] : "";
    var bundle = BundleLoader.load(List.of(BundleFiles.path(Path.of("src/main/resources/bundle"))));
    var harness = new OracleHarness(bundle);
    List<OracleHarness.Verdict> verdicts = new ArrayList<>();
    for (OracleCase c : OracleCases.read(RegolibraryOracleTest.ORACLE)) {
      if (only.isEmpty() || List.of(only.split(",")).contains(c.rule())) {
        verdicts.add(harness.run(c));
      }
    }
    System.out.println(RegolibraryOracleTest.report(verdicts));
  }
}
