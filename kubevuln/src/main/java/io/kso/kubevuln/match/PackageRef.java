package io.kso.kubevuln.match;

/**
 * A package to match, in OSV's terms.
 *
 * @param ecosystem OSV ecosystem, with the distribution release for OS packages ({@code Debian:10})
 * @param purl the package URL it came from, or empty
 * @param sourceName the source package a binary package was built from (purl {@code upstream}), or
 *     empty
 * @param sourceVersion the source package's version, or empty when it is the package's own
 */
public record PackageRef(
    String ecosystem,
    String name,
    String version,
    String purl,
    String sourceName,
    String sourceVersion) {
  public PackageRef {
    purl = purl == null ? "" : purl;
    sourceName = sourceName == null ? "" : sourceName;
    sourceVersion = sourceVersion == null ? "" : sourceVersion;
  }

  public static PackageRef of(String ecosystem, String name, String version) {
    return new PackageRef(ecosystem, name, version, "", "", "");
  }
}
