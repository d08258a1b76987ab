package io.kso.kubescape.posture;

import io.kso.common.concurrent.Daemons;
import io.kso.kubescape.posture.PostureServiceException.Reason;
import io.kso.kubescape.scan.ScanReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs posture scans one at a time from a bounded queue, as the original service does. A request
 * equal to one queued or running joins it; a full queue refuses with a retry time. What is known of
 * recent scans is kept for status queries.
 */
public final class PostureScans implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostureScans.class);
  private static final int REMEMBERED = 200;
  private static final Duration MIN_RETRY = Duration.ofSeconds(5);

  /** The scan itself: reads, evaluates, stores. Returns the report for listeners. */
  public interface Work {
    ScanReport run(String id, ScanRequest request, Cancellation cancellation) throws Exception;
  }

  /** The answer to a submission: the scan's ID, and whether it joined one already queued. */
  public record Ticket(String id, boolean joined) {}

  private final Work work;
  private final int capacity;
  private final Clock clock;
  private final Object lock = new Object();
  private final Deque<Scan> queue = new ArrayDeque<>();
  private final Map<String, Scan> known = new LinkedHashMap<>();
  private final List<BiConsumer<ScanRequest, ScanReport>> listeners = new ArrayList<>();
  private final Thread worker;
  private Scan running;
  private String latest = "";
  private Duration lastDuration = MIN_RETRY;
  private volatile boolean closed;

  public PostureScans(Work work, int capacity, Clock clock) {
    this.work = work;
    this.capacity = capacity;
    this.clock = clock;
    this.worker = Daemons.start("posture-scans", this::loop);
  }

  /** Called with each completed scan's request and report, on the scanning thread. */
  public void onCompleted(BiConsumer<ScanRequest, ScanReport> listener) {
    synchronized (lock) {
      listeners.add(listener);
    }
  }

  public Ticket submit(ScanRequest request) {
    synchronized (lock) {
      Scan same = same(request);
      if (same != null) {
        return new Ticket(same.id, true);
      }
      if (queue.size() >= capacity) {
        Duration wait = lastDuration.multipliedBy(queue.size() + 1L);
        throw new PostureServiceException(
            Reason.QUEUE_FULL,
            "the scan queue is full (" + capacity + " waiting): try again later",
            wait.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : wait);
      }
      Scan scan = new Scan(UUID.randomUUID().toString(), request);
      queue.addLast(scan);
      remember(scan);
      latest = scan.id;
      lock.notifyAll();
      return new Ticket(scan.id, false);
    }
  }

  private Scan same(ScanRequest request) {
    if (running != null && !running.cancelled && running.request.equals(request)) {
      return running;
    }
    return queue.stream().filter(s -> s.request.equals(request)).findFirst().orElse(null);
  }

  /** The scan of this ID; a blank ID means the latest submitted. */
  public Optional<ScanView> status(String id) {
    synchronized (lock) {
      String key = id == null || id.isBlank() ? latest : id;
      Scan scan = known.get(key);
      return scan == null ? Optional.empty() : Optional.of(scan.view());
    }
  }

  /** The ID of the latest submitted scan, "" when none was. */
  public String latest() {
    synchronized (lock) {
      return latest;
    }
  }

  /** Completes with the scan's view once it has ended (at once if it has). */
  public CompletableFuture<ScanView> completion(String id) {
    synchronized (lock) {
      Scan scan = known.get(id);
      if (scan == null) {
        return CompletableFuture.failedFuture(
            new PostureServiceException(Reason.NOT_FOUND, "no scan with ID '" + id + "'"));
      }
      return scan.done.copy();
    }
  }

  /** Cancels a queued or running scan (a blank ID: the latest); false when it was not busy. */
  public boolean cancel(String id) {
    synchronized (lock) {
      String key = id == null || id.isBlank() ? latest : id;
      Scan scan = known.get(key);
      if (scan == null || !scan.state.busy()) {
        return false;
      }
      scan.cancelled = true;
      if (scan.state == ScanState.QUEUED) {
        queue.remove(scan);
        finish(scan, ScanState.CANCELLED, "the scan was cancelled before it started");
      } else if (running == scan) {
        worker.interrupt();
      }
      return true;
    }
  }

  private void loop() {
    while (!closed) {
      Scan scan;
      synchronized (lock) {
        while (queue.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            // a cancel aimed at a scan that already ended: nothing to stop
          }
        }
        if (closed) {
          return;
        }
        scan = queue.pollFirst();
        scan.state = ScanState.RUNNING;
        running = scan;
      }
      run(scan);
    }
  }

  private void run(Scan scan) {
    Instant start = clock.instant();
    ScanReport report = null;
    ScanState end = ScanState.DONE;
    String error = "";
    try {
      report = work.run(scan.id, scan.request, () -> scan.cancelled);
    } catch (CancellationException e) {
      end = ScanState.CANCELLED;
      error = "the scan was cancelled";
    } catch (Exception | OutOfMemoryError e) {
      end = scan.cancelled ? ScanState.CANCELLED : ScanState.FAILED;
      error =
          scan.cancelled
              ? "the scan was cancelled"
              : e.getMessage() != null ? e.getMessage() : e.toString();
    }
    log.atInfo()
        .addKeyValue("jobId", scan.id)
        .addKeyValue("state", end)
        .addKeyValue("error", error)
        .addKeyValue("seconds", Duration.between(start, clock.instant()).toMillis() / 1000.0)
        .log("posture scan ended");
    List<BiConsumer<ScanRequest, ScanReport>> notify;
    synchronized (lock) {
      lastDuration = Duration.between(start, clock.instant());
      running = null;
      // A cancel interrupts the worker only while this scan is the running one: clear it here.
      Thread.interrupted();
      notify = end == ScanState.DONE ? List.copyOf(listeners) : List.of();
    }
    for (BiConsumer<ScanRequest, ScanReport> listener : notify) {
      listener.accept(scan.request, report);
    }
    synchronized (lock) {
      finish(scan, end, error);
    }
  }

  private void finish(Scan scan, ScanState state, String error) {
    scan.state = state;
    scan.error = error;
    scan.finished = clock.instant();
    scan.done.complete(scan.view());
  }

  private void remember(Scan scan) {
    known.put(scan.id, scan);
    if (known.size() > REMEMBERED) {
      known.values().stream()
          .filter(s -> !s.state.busy())
          .findFirst()
          .ifPresent(s -> known.remove(s.id));
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    worker.interrupt();
  }

  /** One scan's state, guarded by the service's lock. */
  private static final class Scan {
    final String id;
    final ScanRequest request;
    final CompletableFuture<ScanView> done = new CompletableFuture<>();
    ScanState state = ScanState.QUEUED;
    String error = "";
    Instant finished;
    volatile boolean cancelled;

    Scan(String id, ScanRequest request) {
      this.id = id;
      this.request = request;
    }

    ScanView view() {
      return new ScanView(id, request, state, error, finished);
    }
  }
}
