package io.kso.kubevuln.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a store holds and how old it is.
 *
 * @param builtAt when the import that made it finished
 * @param newestRecord the newest {@code modified} time among its records (the data's own age), or
 *     {@code builtAt} when no record has a plausible one
 * @param recordsByEcosystem records per ecosystem as the records name it ({@code Debian:10})
 * @param stale whether {@code age} exceeds {@code maxAge}
 */
public record StoreStatus(
    Instant builtAt,
    Instant newestRecord,
    long records,
    Map<String, Long> recordsByEcosystem,
    List<String> sources,
    long sizeBytes,
    Duration age,
    Duration maxAge,
    boolean stale) {

  /** The same data seen at {@code now} against {@code maxAge}. */
  public StoreStatus at(Duration maxAge, Instant now) {
    Duration ageNow = Duration.between(newestRecord, now);
    return new StoreStatus(
        builtAt,
        newestRecord,
        records,
        recordsByEcosystem,
        sources,
        sizeBytes,
        ageNow,
        maxAge,
        ageNow.compareTo(maxAge) > 0);
  }
}
