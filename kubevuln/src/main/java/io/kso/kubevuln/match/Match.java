package io.kso.kubevuln.match;

import io.kso.kubevuln.osv.Severity;
import java.util.List;

/**
 * A package affected by a vulnerability record.
 *
 * @param fixedVersion the first fixed version after the affected one, or empty when none is known
 * @param severity the package-specific severity when the record gives one, else the record's
 */
public record Match(
    String vulnerabilityId,
    List<String> aliases,
    String summary,
    Severity severity,
    PackageRef pkg,
    String fixedVersion,
    MatchedBy matchedBy) {
  public Match {
    aliases = List.copyOf(aliases);
  }

  /** Whether {@code id} is this record's id or one of its aliases. */
  public boolean reports(String id) {
    return vulnerabilityId.equals(id) || aliases.contains(id);
  }
}
