package io.kso.kubevuln.service;

import io.kso.kubevuln.cli.SbomFile;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.sbom.CycloneDxWriter;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.service.port.ImageSboms;
import io.kso.kubevuln.service.port.ScanReports;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan from request to report: the SBOM (from the cache by digest, else pulled and made), the
 * matches against the current vulnerability data, and the reports of each step.
 */
public final class ScanService {
  private static final Logger log = LoggerFactory.getLogger(ScanService.class);

  private final ImageSboms sboms;
  private final SbomCache cache;
  private final VulnData data;
  private final ScanReports reports;
  private final Clock clock;

  public ScanService(
      ImageSboms sboms, SbomCache cache, VulnData data, ScanReports reports, Clock clock) {
    this.sboms = sboms;
    this.cache = cache;
    this.data = data;
    this.reports = reports;
    this.clock = clock;
  }

  public ScanReports reports() {
    return reports;
  }

  public void scan(ScanJob job) {
    reports.status(job, "started", null);
    Path sbom = cache.sbom(job.digest()).orElse(null);
    String digest = job.digest();
    if (sbom != null) {
      cache.remember(digest, job);
      log.atInfo().addKeyValue("digest", digest).log("SBOM from cache: the image is not pulled");
    } else {
      Sbom made = generate(job);
      digest = made.digest();
      sbom = cache.put(digest, new CycloneDxWriter().write(made), job.withDigest(digest));
      log.atInfo()
          .addKeyValue("digest", digest)
          .addKeyValue("packages", made.packages().size())
          .log("SBOM made");
    }
    if (job.kind() == ScanJob.Kind.SBOM_ONLY) {
      reports.status(job, "done", null);
      return;
    }
    ScanResult result = match(job.withDigest(digest), sbom);
    reports.status(job, "success", null);
    reports.results(result);
    reports.status(job, "done", null);
  }

  /** Matches every cached SBOM again (after new data arrived) and reports the results. */
  public int rematchCached() {
    List<SbomCache.Entry> entries = cache.entries();
    for (SbomCache.Entry entry : entries) {
      if (entry.job().kind() != ScanJob.Kind.SBOM_ONLY) {
        reports.results(match(entry.job().withDigest(entry.digest()), entry.sbom()));
      }
    }
    return entries.size();
  }

  private ScanResult match(ScanJob job, Path sbom) {
    SbomFile packages = SbomFile.read(sbom);
    VulnData.Matched matched = data.match(packages.packages());
    if (matched.data().stale()) {
      log.atWarn()
          .addKeyValue("age", matched.data().age().toString())
          .log("matched against stale vulnerability data: import newer data");
    }
    return new ScanResult(
        job,
        job.digest(),
        packages.packages().size(),
        matched.matches(),
        matched.data(),
        clock.instant());
  }

  private Sbom generate(ScanJob job) {
    try {
      return sboms.generate(job);
    } catch (ImageException e) {
      throw new ScanException(ScanException.Reason.IMAGE, e.reason() + ": " + e.getMessage(), e);
    }
  }
}
