package io.kso.kubescape.port;

/**
 * Delivers a stored posture report (PostureReport v2 JSON, as the scan's JSON report writes it) to
 * the backend that collects them, Kubescape's event receiver in the cluster suite.
 *
 * <p>Either the whole report is delivered or a {@link PublishException} says why not; the caller
 * keeps the report file and records the failure. Implementations retry transient failures
 * themselves, so a caller does not retry around them.
 */
public interface ReportPublisher {
  /**
   * @throws PublishException when the report cannot be read or the backend does not take it
   */
  void publish(PublishRequest request);
}
