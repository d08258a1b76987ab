package io.kso.kubevuln.service;

import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.store.StoreStatus;
import java.time.Instant;
import java.util.List;

/**
 * The findings of one scan.
 *
 * @param packages how many packages the image's SBOM lists
 * @param data the vulnerability data matched against (its age, whether it was stale)
 */
public record ScanResult(
    ScanJob job, String digest, int packages, List<Match> matches, StoreStatus data, Instant at) {
  public ScanResult {
    matches = List.copyOf(matches);
  }
}
