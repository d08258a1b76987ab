package io.kso.kubescape.scan;

import io.kso.common.concurrent.Daemons;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs work items on one thread per core, each thread taking the next item in order when it is done
 * with one. A parallel stream would instead cut the list into fixed ranges up front, leaving one
 * thread with the largest items while the others run out of work.
 */
final class RuleQueue {
  private RuleQueue() {}

  static <T> void drain(List<T> items, Consumer<T> work) {
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(items.size(), 1));
    ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
    ExecutorService pool = Executors.newFixedThreadPool(threads, Daemons.named("rule-worker"));
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(
            pool.submit(
                () -> {
                  for (T item = queue.poll(); item != null; item = queue.poll()) {
                    work.accept(item);
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (ExecutionException e) {
      queue.clear();
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      queue.clear();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
