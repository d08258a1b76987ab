package io.kso.kubescape.posture;

import java.util.concurrent.CancellationException;

/** Asked between the steps of a scan: has someone cancelled it? */
public interface Cancellation {
  boolean cancelled();

  /** Ends the scan here when it was cancelled. */
  default void check() {
    if (cancelled() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("the scan was cancelled");
    }
  }
}
