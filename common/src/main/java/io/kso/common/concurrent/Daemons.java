package io.kso.common.concurrent;

import java.util.concurrent.ThreadFactory;

/** Daemon threads: background work that must not keep the JVM alive once its main work ends. */
public final class Daemons {
  private Daemons() {}

  /** Threads for an executor, each a daemon named {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Runs {@code task} on a daemon thread of its own, started now. */
  public static Thread start(String name, Runnable task) {
    Thread thread = named(name).newThread(task);
    thread.start();
    return thread;
  }
}
