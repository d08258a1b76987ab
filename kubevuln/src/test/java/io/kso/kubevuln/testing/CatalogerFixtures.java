package io.kso.kubevuln.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The package-database fixtures of {@code ../shared/oracle/vuln/catalogers}, each turned into an
 * image that holds the fixture's files where an image would, with an os-release for the OS kinds,
 * and the check that the image's SBOM lists exactly the expected packages with their purls.
 */
public final class CatalogerFixtures {
  public static final Path ROOT = locate();

  /** One entry of expected.json. */
  public record Fixture(String id, String kind, String input, List<Map<String, Object>> expected) {
    @Override
    public String toString() {
      return id;
    }
  }

  private CatalogerFixtures() {}

  private static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("oracle/vuln/catalogers");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return dir.resolve("../../shared/oracle/vuln/catalogers").normalize();
  }

  /** The fixtures that describe an image's contents (not the stand-alone pom.properties set). */
  @SuppressWarnings("unchecked")
  public static Stream<Fixture> imageFixtures() {
    Assumptions.assumeTrue(
        Files.isRegularFile(ROOT.resolve("expected.json")),
        "oracle data missing: " + ROOT + " (../shared/oracle/vuln/catalogers)");
    try {
      List<Map<String, Object>> all =
          JsonMapper.builder()
              .build()
              .readValue(Files.readAllBytes(ROOT.resolve("expected.json")), List.class);
      return all.stream()
          .map(
              e ->
                  new Fixture(
                      (String) e.get("id"),
                      (String) e.get("kind"),
                      (String) e.get("input"),
                      (List<Map<String, Object>>) e.get("expected_packages")))
          .filter(f -> !f.kind().equals("java-pom-properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture's files, placed where the matching cataloger looks in an image. */
  public static TestImage image(Fixture f) {
    Path dir = ROOT.resolve(f.id());
    TestLayer layer = new TestLayer();
    switch (f.kind()) {
      case "debian-dpkg-status" -> layer.tree(dir, "").file("etc/os-release", osRelease(f));
      case "alpine-apk-installed-db" ->
          layer.tree(dir, "").file("etc/os-release", "ID=alpine\nVERSION_ID=3.4.0\n");
      case "npm-package-lock" -> layer.tree(dir, "app/");
      case "python-package-metadata" ->
          layer.tree(
              dir, "usr/lib/python3/site-packages/" + f.id().replace('/', '_') + ".dist-info/");
      case "python-requirements-txt" -> layer.tree(dir, "app/");
      case "java-archive" -> layer.tree(dir, "opt/app/lib/");
      default -> throw new IllegalArgumentException("unknown fixture kind " + f.kind());
    }
    return TestImage.of(layer);
  }

  private static String osRelease(Fixture f) {
    return f.id().contains("ubuntu") || f.id().contains("third-party")
        ? "ID=ubuntu\nVERSION_ID=\"18.04\"\n"
        : "ID=debian\nVERSION_ID=\"10\"\n";
  }

  /** Every expected package is in the SBOM with its version and purl, and nothing else is. */
  public static void assertMatches(Fixture f, Sbom sbom) {
    List<String> expected = new ArrayList<>();
    for (Map<String, Object> e : f.expected()) {
      expected.add(e.get("name") + " " + e.get("version") + " " + expectedPurl(f, e, sbom));
    }
    List<String> actual =
        sbom.packages().stream().map(p -> p.name() + " " + p.version() + " " + p.purl()).toList();
    assertThat(actual)
        .as(f.id())
        .containsExactlyInAnyOrderElementsOf(expected.stream().distinct().toList());
    for (Map<String, Object> e : f.expected()) {
      SbomPackage p =
          sbom.packages().stream()
              .filter(x -> x.name().equals(e.get("name")) && x.version().equals(e.get("version")))
              .findFirst()
              .orElseThrow();
      assertDetails(f, e, p);
    }
  }

  private static void assertDetails(Fixture f, Map<String, Object> e, SbomPackage p) {
    if (e.containsKey("source_name")) {
      assertThat(p.sourceName()).as(p.name()).isEqualTo(e.get("source_name"));
      assertThat(p.sourceVersion()).as(p.name()).isEqualTo(e.get("source_version"));
    }
    if (e.containsKey("origin")) {
      assertThat(p.sourceName()).as(p.name()).isEqualTo(e.get("origin"));
    }
    if (e.containsKey("arch")) {
      assertThat(p.property("arch")).as(p.name()).isEqualTo(e.get("arch"));
    }
    if (e.containsKey("path")) {
      assertThat(p.locations())
          .as(p.name())
          .anySatisfy(l -> assertThat(l).endsWith("/" + e.get("path")));
    }
    if (Boolean.TRUE.equals(e.get("dev")) && f.kind().equals("npm-package-lock")) {
      // the same name and version may appear as dev and non-dev; at least one entry is dev
      assertThat(p.properties()).as(p.name()).containsKey("relationship");
    }
    assertThat(p.locations()).as(p.name()).isNotEmpty();
  }

  /** The purl, written out independently of the production code's purl builder. */
  static String expectedPurl(Fixture f, Map<String, Object> e, Sbom sbom) {
    String name = (String) e.get("name");
    String version = enc((String) e.get("version"));
    return switch (f.kind()) {
      case "debian-dpkg-status" -> {
        String distro = sbom.distro().id() + "-" + sbom.distro().versionId();
        String upstream =
            upstream(
                name,
                (String) e.get("version"),
                (String) e.get("source_name"),
                (String) e.get("source_version"));
        yield "pkg:deb/"
            + sbom.distro().id()
            + "/"
            + enc(name)
            + "@"
            + version
            + "?arch="
            + e.get("arch")
            + "&distro="
            + distro
            + upstream;
      }
      case "alpine-apk-installed-db" ->
          "pkg:apk/alpine/"
              + enc(name)
              + "@"
              + version
              + "?arch="
              + e.get("arch")
              + "&distro=alpine-3.4.0"
              + upstream(name, null, (String) e.get("origin"), null);
      case "npm-package-lock" ->
          name.startsWith("@")
              ? "pkg:npm/"
                  + enc(name.substring(0, name.indexOf('/')))
                  + "/"
                  + enc(name.substring(name.indexOf('/') + 1))
                  + "@"
                  + version
              : "pkg:npm/" + enc(name) + "@" + version;
      case "python-package-metadata", "python-requirements-txt" ->
          "pkg:pypi/" + name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-") + "@" + version;
      case "java-archive" ->
          "pkg:maven/"
              + enc(name.substring(0, name.indexOf(':')))
              + "/"
              + enc(name.substring(name.indexOf(':') + 1))
              + "@"
              + version;
      default -> throw new IllegalArgumentException(f.kind());
    };
  }

  private static String upstream(String name, String version, String source, String sourceVersion) {
    boolean versionDiffers = sourceVersion != null && !sourceVersion.equals(version);
    if (source == null || source.equals(name) && !versionDiffers) {
      return "";
    }
    return "&upstream=" + enc(versionDiffers ? source + "@" + sourceVersion : source);
  }

  /** Percent-encoding as the purl spec asks: everything but unreserved characters. */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
