package io.kso.operator.posture;

import java.time.Duration;

/** Waits between calls to kubescape-svc; a parameter so that tests need not wait. */
@FunctionalInterface
public interface Pause {
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing. */
  static Pause sleeping() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
