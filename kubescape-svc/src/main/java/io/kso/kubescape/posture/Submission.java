package io.kso.kubescape.posture;

import java.nio.file.Path;

/** Sends a stored report to the event receiver; the wiring adapts the publisher to it. */
public interface Submission {
  /** No event receiver configured: nothing leaves the cluster. */
  Submission NONE =
      (scanId, account, report) -> {
        throw new IllegalStateException("no event receiver is configured");
      };

  void submit(String scanId, String account, Path report) throws Exception;
}
