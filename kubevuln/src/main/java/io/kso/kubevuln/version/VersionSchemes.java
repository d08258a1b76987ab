package io.kso.kubevuln.version;

import java.util.Locale;
import java.util.Optional;

/**
 * The version scheme of an OSV ecosystem ({@code Go}, {@code Debian:10}, {@code Alpine:v3.10}, …).
 */
public final class VersionSchemes {
  private static final VersionScheme DPKG = new DpkgVersion();
  private static final VersionScheme APK = new ApkVersion();
  private static final VersionScheme RPM = new RpmVersion();
  private static final VersionScheme NPM = new NpmVersion();
  private static final VersionScheme GO = new GoVersion();
  private static final VersionScheme MAVEN = new MavenVersion();
  private static final VersionScheme PEP440 = new Pep440Version();
  private static final VersionScheme SEMVER = new NpmVersion(false);

  private VersionSchemes() {}

  /** The scheme for an ecosystem, or empty for one this scanner does not order. */
  public static Optional<VersionScheme> forEcosystem(String ecosystem) {
    String base = baseEcosystem(ecosystem).toLowerCase(Locale.ROOT);
    VersionScheme s =
        switch (base) {
          case "debian", "ubuntu" -> DPKG;
          case "alpine", "wolfi", "chainguard" -> APK;
          case "red hat", "rocky linux", "almalinux", "opensuse", "suse", "mageia", "openeuler" ->
              RPM;
          case "npm" -> NPM;
          case "go" -> GO;
          case "maven" -> MAVEN;
          case "pypi" -> PEP440;
          default -> null;
        };
    return Optional.ofNullable(s);
  }

  /**
   * OSV's SEMVER range type: strict SemVer 2.0, except for Go, whose records use it for modules.
   */
  public static VersionScheme forRangeType(String rangeType, VersionScheme ecosystemScheme) {
    if ("SEMVER".equals(rangeType) && ecosystemScheme != GO) {
      return SEMVER;
    }
    return ecosystemScheme;
  }

  /**
   * The ecosystem name before the first {@code :} (the release): {@code Debian:10} → {@code
   * Debian}.
   */
  public static String baseEcosystem(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
  }
}
