package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Alpine: {@code /lib/apk/db/installed}; the origin ({@code o:}) is the source package. */
public final class ApkCataloger implements Cataloger {
  private static final String INSTALLED = "/lib/apk/db/installed";

  @Override
  public boolean accepts(String path, long size, int mode) {
    return path.equals(INSTALLED);
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    List<SbomPackage> found = new ArrayList<>();
    Stanzas.forEach(
        content,
        s -> {
          String name = s.get("P");
          String version = s.get("V");
          if (name != null && version != null && !name.isEmpty() && !version.isEmpty()) {
            found.add(
                SbomPackage.of(name, version, PackageType.APK, path)
                    .withSource(s.getOrDefault("o", name), version)
                    .withProperty("arch", s.get("A")));
          }
        });
    return found;
  }
}
