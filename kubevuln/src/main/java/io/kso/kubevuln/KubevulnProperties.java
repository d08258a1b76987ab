package io.kso.kubevuln;

import io.kso.common.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param scanConcurrency how many images are scanned at once
 * @param queueDepth how many accepted scans may wait for a worker; more are refused with 503
 * @param scanTimeout how long one scan may take (clusterData {@code scanTimeout} overrides it)
 * @param dataDir where the vulnerability store, the SBOM cache and local results live
 * @param dataSources OSV sources (files, folders, zips, URLs) imported at start and on refresh
 * @param dataRefresh how often the sources are imported again ({@code 0}: only at start)
 * @param maxDataAge data older than this is reported as stale
 * @param sbomCacheSize how many image SBOMs are kept
 */
@ConfigurationProperties("ks.kubevuln")
public record KubevulnProperties(
    @DefaultValue("1") int scanConcurrency,
    @DefaultValue("50") int queueDepth,
    @DefaultValue("5m") Duration scanTimeout,
    @DefaultValue("/tmp/kubevuln") Path dataDir,
    @DefaultValue("") List<String> dataSources,
    @DefaultValue("0s") Duration dataRefresh,
    @DefaultValue("7d") Duration maxDataAge,
    @DefaultValue("500") int sbomCacheSize) {
  public KubevulnProperties {
    Settings.atLeast(scanConcurrency, 1, "ks.kubevuln.scan-concurrency");
    Settings.atLeast(queueDepth, 1, "ks.kubevuln.queue-depth");
    Settings.atLeast(sbomCacheSize, 1, "ks.kubevuln.sbom-cache-size");
    dataSources = dataSources.stream().filter(s -> !s.isBlank()).toList();
  }
}
