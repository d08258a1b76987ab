package io.kso.kubevuln.catalog;

import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Java archives (jar, war, ear, Jenkins plugins), streamed: every {@code pom.properties} under
 * {@code META-INF/maven/} (a shaded jar has several), else the MANIFEST, else the file name; nested
 * archives are read in place, to a bounded depth.
 */
public final class JavaArchiveCataloger implements Cataloger {
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
  private static final Pattern FILE_NAME =
      Pattern.compile("(.+?)-(\\d[^/]*?)\\.(?:jar|war|ear|jpi|hpi)", Pattern.CASE_INSENSITIVE);
  private static final int MAX_DEPTH = 4;
  private static final int MAX_METADATA = 1024 * 1024;

  @Override
  public boolean accepts(String path, long size, int mode) {
    return isArchive(path);
  }

  private static boolean isArchive(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jar")
        || lower.endsWith(".war")
        || lower.endsWith(".ear")
        || lower.endsWith(".jpi")
        || lower.endsWith(".hpi");
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    return scan(path, content, 0);
  }

  private List<SbomPackage> scan(String archive, InputStream in, int depth) throws IOException {
    List<SbomPackage> poms = new ArrayList<>();
    List<SbomPackage> nested = new ArrayList<>();
    Manifest manifest = null;
    var zip = new ZipArchiveInputStream(new Unclosable(in), "UTF-8", true, true);
    ZipArchiveEntry entry;
    while ((entry = zip.getNextEntry()) != null) {
      String name = entry.getName();
      if (entry.isDirectory()) {
        continue;
      }
      if (POM_PROPERTIES.matcher(name).matches()) {
        pom(zip.readNBytes(MAX_METADATA), archive).ifPresent(poms::add);
      } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
        manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
      } else if (isArchive(name) && depth < MAX_DEPTH) {
        nested.addAll(scan(archive + "/" + name, zip, depth + 1));
      } else if (entry.getGeneralPurposeBit().usesDataDescriptor()) {
        drainBounded(zip, archive + "/" + name);
      }
    }
    List<SbomPackage> result = new ArrayList<>(poms);
    if (poms.isEmpty()) {
      fromManifest(manifest, archive).or(() -> fromFileName(archive)).ifPresent(result::add);
    }
    result.addAll(nested);
    return result;
  }

  /**
   * An entry whose size only follows its data can be skipped only by inflating it: do that here,
   * under the same ratio rule as layers, so that a zip bomb inside a jar is refused, not inflated.
   */
  private static void drainBounded(ZipArchiveInputStream zip, String where) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = zip.read(buffer, 0, buffer.length)) > 0) {
      total += n;
      long allowed =
          (long) ImageLimits.DEFAULT.maxCompressionRatio() * Math.max(zip.getCompressedCount(), 1)
              + ImageLimits.RATIO_ALLOWANCE;
      if (total > allowed) {
        throw new ImageException(
            Reason.DECOMPRESSION_BOMB,
            where
                + " expands more than "
                + ImageLimits.DEFAULT.maxCompressionRatio()
                + " times its compressed size"
                + " (decompression bomb)");
      }
    }
  }

  static java.util.Optional<SbomPackage> pom(byte[] content, String location) throws IOException {
    Properties p = new Properties();
    p.load(new ByteArrayInputStream(content));
    String group = p.getProperty("groupId");
    String artifact = p.getProperty("artifactId");
    String version = p.getProperty("version");
    if (blank(group) || blank(artifact) || blank(version)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        SbomPackage.of(
            group.trim() + ":" + artifact.trim(), version.trim(), PackageType.MAVEN, location));
  }

  private static java.util.Optional<SbomPackage> fromManifest(Manifest manifest, String location) {
    if (manifest == null) {
      return java.util.Optional.empty();
    }
    Attributes a = manifest.getMainAttributes();
    String artifact = first(a, "Implementation-Title", "Specification-Title", "Bundle-Name");
    String version = first(a, "Implementation-Version", "Specification-Version", "Bundle-Version");
    String group = first(a, "Implementation-Vendor-Id");
    if (group == null) {
      String symbolic = first(a, "Bundle-SymbolicName");
      if (symbolic != null) {
        symbolic = symbolic.split(";")[0].trim();
        int dot = symbolic.lastIndexOf('.');
        group = dot > 0 ? symbolic.substring(0, dot) : symbolic;
      } else {
        group = first(a, "Implementation-Vendor", "Specification-Vendor");
      }
    }
    if (artifact == null || version == null || group == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        SbomPackage.of(group + ":" + artifact, version, PackageType.MAVEN, location));
  }

  private static java.util.Optional<SbomPackage> fromFileName(String location) {
    Matcher m = FILE_NAME.matcher(location.substring(location.lastIndexOf('/') + 1));
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        SbomPackage.of(m.group(1), m.group(2), PackageType.MAVEN, location));
  }

  private static String first(Attributes a, String... names) {
    for (String n : names) {
      String v = a.getValue(n);
      if (!blank(v)) {
        return v.trim();
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Keeps the outer stream open when a nested archive's reader is dropped. */
  private static final class Unclosable extends FilterInputStream {
    Unclosable(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the outer archive or layer owns the stream
    }
  }
}
