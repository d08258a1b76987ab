package io.kso.kubevuln.adapter.report;

import io.kso.kubevuln.cli.Reports;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanResult;
import io.kso.kubevuln.service.port.ScanReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code keepLocal}, or no event receiver: steps go to the log, and each image's latest result to
 * {@code <dir>/<digest hex>.json} (the CLI's JSON report plus the job), served back by {@code GET
 * /v1/results/{digest}}.
 */
public final class LocalReports implements ScanReports {
  private static final Logger log = LoggerFactory.getLogger(LocalReports.class);
  private final Path dir;

  public LocalReports(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  @Override
  public void status(ScanJob job, String step, String error) {
    var event = log.atInfo().addKeyValue("image", job.image()).addKeyValue("step", step);
    if (error != null) {
      event = log.atWarn().addKeyValue("image", job.image()).addKeyValue("step", step);
      event.log("scan failed: " + error);
    } else {
      event.log("scan " + step);
    }
  }

  @Override
  public void results(ScanResult result) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("image", result.job().image());
    report.put("digest", result.digest());
    report.put("wlid", result.job().wlid());
    report.put("jobID", result.job().jobId());
    report.put("scannedAt", result.at().toString());
    report.put("packages", result.packages());
    report.put(
        "database",
        Map.of(
            "builtAt", result.data().builtAt().toString(),
            "stale", result.data().stale()));
    report.put("matches", Reports.matches(result.matches()));
    Path file = dir.resolve(result.digest().replace("sha256:", "") + ".json");
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, Reports.json(report), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the result in " + file, e);
    }
  }

  /** The latest result of an image, by digest. */
  public Optional<String> result(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      return Optional.empty();
    }
    Path file = dir.resolve(digest.substring(7) + ".json");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
