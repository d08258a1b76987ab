package io.kso.kubevuln.catalog;

import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.ImageReader;
import io.kso.kubevuln.image.ImageSource;
import io.kso.kubevuln.image.ResolvedImage;
import io.kso.kubevuln.sbom.Distro;
import io.kso.kubevuln.sbom.Purls;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.sbom.SbomPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Reads an image once, runs the catalogers over its files and returns its SBOM. */
public final class SbomGenerator {
  private static final Comparator<SbomPackage> ORDER =
      Comparator.comparing((SbomPackage p) -> p.type().ordinal())
          .thenComparing(SbomPackage::name)
          .thenComparing(SbomPackage::version)
          .thenComparing(SbomPackage::purl);

  private final List<Cataloger> catalogers;
  private final ImageLimits limits;

  public SbomGenerator(List<Cataloger> catalogers, ImageLimits limits) {
    this.catalogers = List.copyOf(catalogers);
    this.limits = limits;
  }

  /** Every cataloger this module has. */
  public static List<Cataloger> allCatalogers() {
    return List.of(
        new DpkgCataloger(),
        new ApkCataloger(),
        new RpmCataloger(),
        new JavaArchiveCataloger(),
        new NpmCataloger(),
        new PythonCataloger(),
        new GoBinaryCataloger());
  }

  public Sbom generate(ImageSource source) {
    var catalog = new ImageCatalog(catalogers, limits);
    ResolvedImage image = new ImageReader(limits).read(source, catalog);
    Distro distro = catalog.distro();
    return new Sbom(image.reference(), image.digest(), distro, finish(catalog.packages(), distro));
  }

  /** Gives each package its purl, merges duplicates (same purl) and sorts. */
  static List<SbomPackage> finish(List<SbomPackage> packages, Distro distro) {
    Map<String, SbomPackage> byPurl = new LinkedHashMap<>();
    for (SbomPackage p : packages) {
      SbomPackage withPurl = p.withPurl(Purls.of(p, distro));
      byPurl.merge(
          withPurl.purl(),
          withPurl,
          (a, b) -> {
            var locations = new LinkedHashSet<>(a.locations());
            locations.addAll(b.locations());
            return a.withLocations(new ArrayList<>(locations));
          });
    }
    return byPurl.values().stream().sorted(ORDER).toList();
  }
}
