package io.kso.kubevuln.service;

import io.kso.common.concurrent.Daemons;
import io.kso.kubevuln.service.port.ScanReports;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepted scans wait here: {@code concurrency} run at once, at most {@code depth} wait, and a
 * request that finds the queue full is refused at once ({@link ScanException.Reason#QUEUE_FULL})
 * rather than dropped later. Every accepted scan ends with a report: done, or failed with its
 * reason; a scan past {@code timeout} is reported as timed out and its thread interrupted.
 */
public final class ScanQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScanQueue.class);

  private final ThreadPoolExecutor workers;
  private final ExecutorService runs;
  private final ScanService service;
  private final ScanReports reports;
  private final Duration timeout;
  private final Consumer<String> outcomes;

  public ScanQueue(
      ScanService service,
      ScanReports reports,
      int concurrency,
      int depth,
      Duration timeout,
      Consumer<String> outcomes) {
    this.service = service;
    this.reports = reports;
    this.timeout = timeout;
    this.outcomes = outcomes;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            concurrency,
            concurrency,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(depth),
            r -> Daemons.named("scan-worker-" + n.incrementAndGet()).newThread(r));
    this.runs = Executors.newCachedThreadPool(Daemons.named("scan-run"));
  }

  public void submit(ScanJob job) {
    try {
      workers.execute(() -> run(job));
    } catch (RejectedExecutionException e) {
      outcomes.accept("refused");
      throw new ScanException(
          ScanException.Reason.QUEUE_FULL,
          "the scan queue is full (" + workers.getQueue().size() + " waiting): try again later");
    }
  }

  /** Scans waiting for a worker. */
  public int waiting() {
    return workers.getQueue().size();
  }

  public int running() {
    return workers.getActiveCount();
  }

  private void run(ScanJob job) {
    Future<?> scan = runs.submit(() -> service.scan(job));
    try {
      scan.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      outcomes.accept("done");
    } catch (TimeoutException e) {
      scan.cancel(true);
      fail(job, "timed-out", "the scan took longer than " + timeout + " and was stopped");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason =
          cause instanceof ScanException se
              ? se.reason().name().toLowerCase(java.util.Locale.ROOT)
              : "error";
      fail(job, reason, String.valueOf(cause.getMessage()));
    } catch (InterruptedException e) {
      scan.cancel(true);
      Thread.currentThread().interrupt();
      fail(job, "interrupted", "kubevuln is shutting down");
    }
  }

  private void fail(ScanJob job, String outcome, String error) {
    outcomes.accept(outcome);
    log.atWarn().addKeyValue("image", job.image()).log("scan failed: " + error);
    try {
      reports.status(job, "failed", error);
    } catch (RuntimeException e) {
      log.atWarn().log("failure not reported: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    runs.shutdownNow();
  }
}
