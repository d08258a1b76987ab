package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian and Ubuntu: {@code /var/lib/dpkg/status} and the per-package files of distroless images in
 * {@code /var/lib/dpkg/status.d/}. Only installed packages count.
 */
public final class DpkgCataloger implements Cataloger {
  private static final String STATUS = "/var/lib/dpkg/status";
  private static final String STATUS_D = "/var/lib/dpkg/status.d/";
  private static final Pattern SOURCE = Pattern.compile("(\\S+)(?:\\s*\\((\\S+)\\))?");

  @Override
  public boolean accepts(String path, long size, int mode) {
    return path.equals(STATUS)
        || path.startsWith(STATUS_D)
            && !path.endsWith(".md5sums")
            && path.indexOf('/', STATUS_D.length()) < 0;
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    List<SbomPackage> found = new ArrayList<>();
    Stanzas.forEach(content, s -> installed(s, path).ifPresent(found::add));
    return found;
  }

  private static Optional<SbomPackage> installed(Map<String, String> s, String path) {
    String name = s.get("Package");
    String version = s.get("Version");
    String status = s.get("Status");
    if (name == null
        || version == null
        || name.isEmpty()
        || version.isEmpty()
        || status != null && !isInstalled(status)) {
      return Optional.empty();
    }
    String sourceName = name;
    String sourceVersion = version;
    String source = s.get("Source");
    if (source != null && !source.isEmpty()) {
      Matcher m = SOURCE.matcher(source);
      if (m.matches()) {
        sourceName = m.group(1);
        sourceVersion = m.group(2) != null ? m.group(2) : version;
      }
    }
    return Optional.of(
        SbomPackage.of(name, version, PackageType.DEB, path)
            .withSource(sourceName, sourceVersion)
            .withProperty("arch", s.get("Architecture")));
  }

  /** {@code want error status}: {@code install ok installed}, {@code hold ok installed}. */
  private static boolean isInstalled(String status) {
    String[] words = status.trim().split("\\s+");
    return words.length == 3 && words[2].equals("installed");
  }
}
