package io.kso.gateway.adapter.ws;

import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands writes over to the event loops in batches. A fan-out to thousands of channels from a thread
 * that is not theirs would otherwise be one task, and one wake-up of the loop, per channel; here
 * each loop gets one task that writes everything queued for it by then.
 */
final class EventLoopWriter {
  private final ConcurrentMap<EventLoop, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * Runs {@code write} on {@code loop}: at once when called from it, otherwise with the next batch.
   *
   * @throws RejectedExecutionException when the loop is shutting down
   */
  void execute(EventLoop loop, Runnable write) {
    if (loop.inEventLoop()) {
      write.run();
    } else {
      lanes.computeIfAbsent(loop, Lane::new).add(write);
    }
  }

  /** The writes waiting for one loop, and whether a task to run them is already scheduled. */
  private static final class Lane implements Runnable {
    private final EventLoop loop;
    private final Queue<Runnable> writes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Lane(EventLoop loop) {
      this.loop = loop;
    }

    void add(Runnable write) {
      writes.add(write);
      if (scheduled.compareAndSet(false, true)) {
        try {
          loop.execute(this);
        } catch (RejectedExecutionException e) {
          writes.remove(write);
          scheduled.set(false);
          throw e;
        }
      }
    }

    @Override
    public void run() {
      scheduled.set(false); // first, so that a write added from now on schedules another run
      Runnable write;
      while ((write = writes.poll()) != null) {
        write.run();
      }
    }
  }
}
