package io.kso.kubevuln.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.image.DockerArchiveSource;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.OciLayoutSource;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What later layers do to earlier ones: replace, white out, make opaque, link. */
class LayerSquashTest {
  @TempDir Path temp;

  private static final String APK = "lib/apk/db/installed";

  private Sbom sbom(TestImage image) {
    try (var source =
        new OciLayoutSource(image.writeOciLayout(temp.resolve("oci")), Platform.LINUX_AMD64)) {
      return new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT).generate(source);
    }
  }

  private static String apk(String... names) {
    StringBuilder s = new StringBuilder();
    for (String n : names) {
      s.append("P:").append(n).append("\nV:1-r0\nA:x86_64\n\n");
    }
    return s.toString();
  }

  private static java.util.List<String> names(Sbom sbom) {
    return sbom.packages().stream().map(p -> p.name()).toList();
  }

  @Test
  void opaqueDirectoryHidesLowerLayersButKeepsItsOwnLayersFiles() {
    var image =
        TestImage.of(
            new TestLayer()
                .file(
                    "opt/a/node_modules/x/package.json", "{\"name\":\"x\",\"version\":\"1.0.0\"}"),
            new TestLayer()
                .file("opt/a/node_modules/y/package.json", "{\"name\":\"y\",\"version\":\"1.0.0\"}")
                .opaque("opt/a"));
    assertThat(names(sbom(image))).containsExactly("y");
  }

  @Test
  void whiteoutOfADirectoryRemovesEverythingUnderIt() {
    var image =
        TestImage.of(
            new TestLayer()
                .file(
                    "usr/lib/python3/site-packages/six.dist-info/METADATA",
                    "Name: six\nVersion: 1.16.0\n")
                .file(APK, apk("musl")),
            new TestLayer().whiteout("usr/lib/python3"));
    assertThat(names(sbom(image))).containsExactly("musl");
  }

  @Test
  void aPackageReAddedAfterItsWhiteoutIsBack() {
    var image =
        TestImage.of(
            new TestLayer().file(APK, apk("musl", "busybox")),
            new TestLayer().whiteout(APK),
            new TestLayer().file(APK, apk("musl")));
    assertThat(names(sbom(image))).containsExactly("musl");
  }

  @Test
  void hardLinkedArchivesAreReportedAtBothPaths() {
    var image =
        TestImage.of(
            new TestLayer()
                .file("app/a/x-1.0.jar", "not a zip")
                .hardlink("app/b/x-1.0.jar", "app/a/x-1.0.jar"));
    assertThat(sbom(image).packages())
        .singleElement()
        .satisfies(
            p -> assertThat(p.locations()).containsExactly("/app/a/x-1.0.jar", "/app/b/x-1.0.jar"));
  }

  @Test
  void duplicatesMergeAndTheOrderIsStable() {
    var image =
        TestImage.of(
            new TestLayer()
                .file("a/node_modules/z/package.json", "{\"name\":\"z\",\"version\":\"1.0.0\"}")
                .file("b/node_modules/z/package.json", "{\"name\":\"z\",\"version\":\"1.0.0\"}")
                .file("b/node_modules/a/package.json", "{\"name\":\"a\",\"version\":\"2.0.0\"}")
                .file(APK, apk("zlib")));
    Sbom sbom = sbom(image);
    assertThat(sbom.packages())
        .extracting(p -> p.purl())
        .containsExactly(
            "pkg:apk/alpine/zlib@1-r0?arch=x86_64", "pkg:npm/a@2.0.0", "pkg:npm/z@1.0.0");
    assertThat(sbom.packages().get(2).locations())
        .containsExactly("/a/node_modules/z/package.json", "/b/node_modules/z/package.json");
  }

  @Test
  void dockerArchiveLayersAreCheckedAgainstTheConfigDiffIds() {
    var image =
        TestImage.of(
            new TestLayer().file(APK, apk("musl")),
            new TestLayer().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.0\n"));
    Path archive = image.writeDockerArchive(temp.resolve("image.tar"));
    try (var source = new DockerArchiveSource(archive)) {
      Sbom sbom =
          new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT).generate(source);
      assertThat(sbom.packages())
          .extracting(p -> p.purl())
          .containsExactly("pkg:apk/alpine/musl@1-r0?arch=x86_64&distro=alpine-3.20.0");
      assertThat(sbom.digest()).isNull();
    }
  }
}
