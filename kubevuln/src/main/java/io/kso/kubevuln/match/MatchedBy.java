package io.kso.kubevuln.match;

/**
 * Why a package matched a record.
 *
 * @param recordId the OSV record
 * @param ecosystem the record's ecosystem that matched
 * @param packageName the name looked up: the package's own, or its source package's
 * @param nameKind {@code "package"} or {@code "source"}
 * @param version the version compared (the source version when matched by source)
 * @param rule {@code "range"} or {@code "versions"}
 * @param detail the range ({@code ECOSYSTEM [2.0.0, 2.9.10.7)}) or the listed version that matched
 * @param scheme the version ordering used
 */
public record MatchedBy(
    String recordId,
    String ecosystem,
    String packageName,
    String nameKind,
    String version,
    String rule,
    String detail,
    String scheme) {}
