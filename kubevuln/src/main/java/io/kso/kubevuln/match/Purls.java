package io.kso.kubevuln.match;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Package URLs to {@link PackageRef}s: the purl type and namespace give the OSV ecosystem, the
 * {@code distro} qualifier (or the SBOM's operating system) the release of an OS package, and the
 * {@code upstream} qualifier its source package.
 */
public final class Purls {
  private static final Pattern RELEASE = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
  private static final Map<String, String> CODENAMES =
      Map.ofEntries(
          Map.entry("stretch", "9"),
          Map.entry("buster", "10"),
          Map.entry("bullseye", "11"),
          Map.entry("bookworm", "12"),
          Map.entry("trixie", "13"),
          Map.entry("bionic", "18.04"),
          Map.entry("focal", "20.04"),
          Map.entry("jammy", "22.04"),
          Map.entry("noble", "24.04"));
  private static final Map<String, String> LANGUAGE_ECOSYSTEMS =
      Map.of(
          "npm", "npm",
          "pypi", "PyPI",
          "maven", "Maven",
          "golang", "Go",
          "gem", "RubyGems",
          "cargo", "crates.io",
          "nuget", "NuGet",
          "composer", "Packagist");

  private Purls() {}

  /**
   * The package a purl names, or empty for a purl that does not parse or has no version.
   *
   * @param fallbackDistro the image's {@code name-version} (for example {@code debian-10}) for OS
   *     purls without a {@code distro} qualifier; may be null
   */
  public static Optional<PackageRef> toPackage(String purl, String fallbackDistro) {
    PackageURL u;
    try {
      u = new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      return Optional.empty();
    }
    if (u.getVersion() == null || u.getVersion().isBlank()) {
      return Optional.empty();
    }
    Map<String, String> q = u.getQualifiers() == null ? Map.of() : u.getQualifiers();
    String type = u.getType().toLowerCase(Locale.ROOT);
    String ns = u.getNamespace() == null ? "" : u.getNamespace();
    String version = withEpoch(u.getVersion(), q.get("epoch"));
    if (LANGUAGE_ECOSYSTEMS.containsKey(type)) {
      return Optional.of(
          new PackageRef(
              LANGUAGE_ECOSYSTEMS.get(type),
              languageName(type, ns, u.getName()),
              version,
              purl,
              "",
              ""));
    }
    String distro = q.getOrDefault("distro", fallbackDistro);
    String ecosystem = osEcosystem(type, ns.toLowerCase(Locale.ROOT), distro);
    String upstream = q.getOrDefault("upstream", "");
    String sourceName = upstream;
    String sourceVersion = "";
    int at = upstream.indexOf('@');
    if (at >= 0) {
      sourceName = upstream.substring(0, at);
      sourceVersion = withEpoch(upstream.substring(at + 1), q.get("epoch"));
    }
    return Optional.of(
        new PackageRef(ecosystem, u.getName(), version, purl, sourceName, sourceVersion));
  }

  private static String languageName(String type, String ns, String name) {
    if (ns.isEmpty()) {
      return name;
    }
    return type.equals("maven") ? ns + ":" + name : ns + "/" + name;
  }

  private static String withEpoch(String version, String epoch) {
    if (epoch == null || epoch.isBlank() || epoch.equals("0") || version.contains(":")) {
      return version;
    }
    return epoch + ":" + version;
  }

  /**
   * {@code Alpine:v3.10}, {@code Debian:10}, {@code Ubuntu:22.04}; the bare name without a release.
   */
  static String osEcosystem(String type, String namespace, String distro) {
    String base =
        switch (namespace) {
          case "alpine", "alpinelinux" -> "Alpine";
          case "debian" -> "Debian";
          case "ubuntu" -> "Ubuntu";
          case "rocky", "rockylinux" -> "Rocky Linux";
          case "almalinux", "alma" -> "AlmaLinux";
          case "redhat", "rhel" -> "Red Hat";
          case "opensuse" -> "openSUSE";
          case "wolfi" -> "Wolfi";
          case "chainguard" -> "Chainguard";
          default -> type.equals("apk") ? "Alpine" : type.equals("deb") ? "Debian" : namespace;
        };
    Optional<String> release = release(distro, namespace);
    if (release.isEmpty() || base.equals("Wolfi") || base.equals("Chainguard")) {
      return base;
    }
    var m = RELEASE.matcher(release.get());
    if (!m.lookingAt()) {
      return base;
    }
    String major = m.group(1);
    String minor = m.group(2);
    return switch (base) {
      case "Alpine" -> minor == null ? base : base + ":v" + major + "." + minor;
      case "Ubuntu" -> minor == null ? base : base + ":" + major + "." + minor;
      default -> base + ":" + major;
    };
  }

  private static Optional<String> release(String distro, String namespace) {
    if (distro == null || distro.isBlank()) {
      return Optional.empty();
    }
    String d = distro.trim().toLowerCase(Locale.ROOT);
    int dash = d.lastIndexOf('-');
    if (dash >= 0 && dash + 1 < d.length() && Character.isDigit(d.charAt(dash + 1))) {
      d = d.substring(dash + 1);
    } else if (d.startsWith(namespace + "-")) {
      d = d.substring(namespace.length() + 1);
    }
    return Optional.of(CODENAMES.getOrDefault(d, d));
  }
}
