package io.kso.operator.port;

import io.kso.common.message.PostScanRequest;

/**
 * kubescape-svc, as the operator uses it: is it ready, start a posture scan, then ask how it is
 * going. Failures are {@link ScannerException}s; a kubescape-svc that asks to be called again later
 * (its queue is full) throws {@link ScannerBusyException}.
 */
public interface PostureScanner {
  /** What kubescape-svc says of a scan: {@code busy} while it runs. */
  record ScanState(String id, boolean busy, String detail) {}

  /** Whether kubescape-svc answers its readiness probe; never throws. */
  boolean ready();

  /** Queues a scan of {@code request}, sent as it is. */
  ScanState start(PostScanRequest request);

  ScanState status(String scanId);
}
