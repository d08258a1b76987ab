package io.kso.kubevuln.service;

import io.kso.common.concurrent.Daemons;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the configured OSV sources in the background at start and every {@code every} after;
 * after each successful import the cached SBOMs are matched again. A failed import is logged and
 * the current data stays in use.
 */
public final class DataRefresh implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataRefresh.class);

  private final VulnData data;
  private final ScanService service;
  private final List<String> sources;
  private final Duration every;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Daemons.named("vuln-data-refresh"));

  public DataRefresh(VulnData data, ScanService service, List<String> sources, Duration every) {
    this.data = data;
    this.service = service;
    this.sources = List.copyOf(sources);
    this.every = every;
  }

  public void start() {
    if (sources.isEmpty()) {
      return;
    }
    if (every.isZero() || every.isNegative()) {
      timer.execute(this::refresh);
    } else {
      timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One import and re-match; returns whether the import succeeded. */
  public boolean refresh() {
    try {
      var result = data.importFrom(sources);
      log.atInfo()
          .addKeyValue("records", result.recordsInStore())
          .addKeyValue("took", result.took().toString())
          .log("vulnerability data imported");
    } catch (RuntimeException e) {
      log.atWarn()
          .log("vulnerability data import failed, the current data stays: " + e.getMessage());
      return false;
    }
    try {
      int n = service.rematchCached();
      log.atInfo().addKeyValue("images", n).log("cached SBOMs matched against the new data");
    } catch (RuntimeException e) {
      log.atWarn().log("re-matching cached SBOMs failed: " + e.getMessage());
    }
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
