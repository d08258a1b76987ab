package io.kso.kubevuln.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Builds each package's purl. OS packages carry {@code arch}, {@code distro} ({@code debian-12})
 * and {@code upstream} (the source package, {@code name@version} when its version differs) so that
 * a matcher can look up the distribution's advisories, which are keyed by source package.
 */
public final class Purls {
  private Purls() {}

  public static String of(SbomPackage p, Distro distro) {
    TreeMap<String, String> q = new TreeMap<>();
    String namespace = null;
    String name = p.name();
    String version = p.version();
    switch (p.type()) {
      case DEB, APK, RPM -> {
        namespace = osNamespace(p.type(), distro);
        if (p.type() == PackageType.RPM && version.indexOf(':') > 0) {
          version = version.substring(version.indexOf(':') + 1); // the epoch is a qualifier
        }
        put(q, "arch", p.property("arch"));
        put(q, "epoch", p.property("epoch"));
        if (distro != null) {
          q.put("distro", distro.qualifier());
        }
        put(q, "upstream", upstream(p));
      }
      case MAVEN -> {
        int colon = name.indexOf(':');
        if (colon > 0) {
          namespace = name.substring(0, colon);
          name = name.substring(colon + 1);
        } else {
          namespace = name; // only a file name to go by: its artifact id stands for the group
        }
      }
      case NPM, GOLANG -> {
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
          namespace = name.substring(0, slash);
          name = name.substring(slash + 1);
        }
      }
      case PYPI -> name = normalizePython(name);
      default -> throw new IllegalStateException();
    }
    try {
      return new PackageURL(
              p.type().purlType(), namespace, name, version, q.isEmpty() ? null : q, null)
          .canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "cannot build a purl for " + p.name() + " " + version + ": " + e.getMessage(), e);
    }
  }

  /** PEP 503 normalisation: lower case, runs of {@code -_.} become one {@code -}. */
  public static String normalizePython(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  private static String osNamespace(PackageType type, Distro distro) {
    if (distro != null) {
      return distro.id();
    }
    return switch (type) {
      case DEB -> "debian";
      case APK -> "alpine";
      default -> "redhat";
    };
  }

  private static String upstream(SbomPackage p) {
    if (p.type() == PackageType.RPM) {
      return p.property("sourceRpm");
    }
    String source = p.sourceName();
    if (source == null || source.isEmpty()) {
      return null;
    }
    boolean versionDiffers = p.sourceVersion() != null && !p.sourceVersion().equals(p.version());
    if (source.equals(p.name()) && !versionDiffers) {
      return null;
    }
    return versionDiffers ? source + "@" + p.sourceVersion() : source;
  }

  private static void put(TreeMap<String, String> q, String key, String value) {
    if (value != null && !value.isEmpty()) {
      q.put(key, value);
    }
  }
}
