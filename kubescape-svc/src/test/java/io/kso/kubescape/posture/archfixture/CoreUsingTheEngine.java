package io.kso.kubescape.posture.archfixture;

import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Scanner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ArchitectureTest's fixture: a core class that keeps the rule. Not a component. */
public final class CoreUsingTheEngine {
  private static final Logger LOG = LoggerFactory.getLogger(CoreUsingTheEngine.class);

  public ScanReport scan() {
    ScanReport report =
        new Scanner(BundleLoader.embedded()).scan(List.of(), ScanOptions.allFrameworks());
    LOG.info("scanned {} resources", report.resources().size());
    return report;
  }
}
