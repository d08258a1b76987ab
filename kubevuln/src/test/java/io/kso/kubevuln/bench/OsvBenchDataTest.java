package io.kso.kubevuln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.cli.KubevulnCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generator, small: its records import and its SBOM finds matches. */
class OsvBenchDataTest {
  @TempDir Path tmp;

  @Test
  void generatedRecordsImportAndMatchTheGeneratedSbom() throws Exception {
    new OsvBenchData().write(tmp, 3000, 300);
    String db = tmp.resolve("db").toString();
    assertThat(KubevulnCli.run("db", "import", "--db", db, tmp.resolve("osv-bench.zip").toString()))
        .isZero();
    assertThat(
            KubevulnCli.run(
                "scan", "--db", db, "--fail-on", "low", tmp.resolve("sbom.json").toString()))
        .isEqualTo(1);
  }
}
