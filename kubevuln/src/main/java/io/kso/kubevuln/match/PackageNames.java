package io.kso.kubevuln.match;

import io.kso.kubevuln.version.Pep440Version;
import io.kso.kubevuln.version.VersionSchemes;
import java.util.Locale;

/** How package names compare in each ecosystem: PyPI by PEP 503, the rest exactly. */
public final class PackageNames {
  private PackageNames() {}

  /**
   * The lookup key of a name: the ecosystem without its release, then the name as the ecosystem
   * compares it ({@code PyPI/flask-cors}, {@code Debian/openssl}). The release is left out so that
   * one key finds every release's entries; the matcher picks the release.
   */
  public static String key(String ecosystem, String name) {
    String base = VersionSchemes.baseEcosystem(ecosystem).toLowerCase(Locale.ROOT);
    return base + "/" + (base.equals("pypi") ? Pep440Version.normalizeName(name) : name);
  }

  /**
   * Whether a record's ecosystem is {@code ecosystem} or a refinement of a release of it ({@code
   * Ubuntu:22.04} covers {@code Ubuntu:22.04:LTS}). A bare distribution name ({@code Debian})
   * covers no release: matching a package of unknown release against every release would mislead.
   */
  public static boolean ecosystemCovers(String ecosystem, String recordEcosystem) {
    return recordEcosystem.equalsIgnoreCase(ecosystem)
        || (ecosystem.contains(":")
            && recordEcosystem.regionMatches(true, 0, ecosystem + ":", 0, ecosystem.length() + 1));
  }
}
