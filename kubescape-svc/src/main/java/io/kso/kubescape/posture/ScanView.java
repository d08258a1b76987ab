package io.kso.kubescape.posture;

import java.time.Instant;

/**
 * What is known of one scan.
 *
 * @param error why it failed or was cancelled; "" otherwise
 * @param finished when it ended, or null while busy
 */
public record ScanView(
    String id, ScanRequest request, ScanState state, String error, Instant finished) {}
