package io.kso.kubevuln.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.kubevuln.catalog.SbomGenerator;
import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile images are refused with a clear, reason-coded error. */
class HostileImagesTest {
  @TempDir Path temp;

  private Sbom sbom(TestImage image, ImageLimits limits) {
    Path layout = image.writeOciLayout(temp.resolve("layout"));
    try (var source = new OciLayoutSource(layout, Platform.LINUX_AMD64)) {
      return new SbomGenerator(SbomGenerator.allCatalogers(), limits).generate(source);
    }
  }

  private void assertRefused(TestImage image, ImageLimits limits, Reason reason, String text) {
    assertThatThrownBy(() -> sbom(image, limits))
        .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(text);
  }

  @Test
  void entryClimbingOutOfTheRootIsPathTraversal() {
    var image = TestImage.of(new TestLayer().file("usr/../../../etc/cron.d/evil", "x"));
    assertRefused(image, ImageLimits.DEFAULT, Reason.PATH_TRAVERSAL, "path traversal");
  }

  @Test
  void hardLinkToOutsideTheRootIsPathTraversal() {
    var image = TestImage.of(new TestLayer().hardlink("etc/shadow-copy", "../../etc/shadow"));
    assertRefused(image, ImageLimits.DEFAULT, Reason.PATH_TRAVERSAL, "../../etc/shadow");
  }

  @Test
  void symlinkClimbingOutOfTheRootIsSymlinkEscape() {
    var image =
        TestImage.of(
            new TestLayer().symlink("etc/os-release", "../../../../../host/etc/os-release"));
    assertRefused(image, ImageLimits.DEFAULT, Reason.SYMLINK_ESCAPE, "symlink escape");
  }

  @Test
  void absoluteAndRelativeSymlinksInsideTheImageAreFollowed() {
    var image =
        TestImage.of(
            new TestLayer()
                .file("usr/lib/os-release", "ID=debian\nVERSION_ID=12\n")
                .symlink("etc/os-release", "../usr/lib/os-release")
                .symlink("etc/alternatives/x", "/usr/bin/x"));
    assertThat(sbom(image, ImageLimits.DEFAULT).distro().qualifier()).isEqualTo("debian-12");
  }

  @Test
  void layerDeclaredLargerThanTheImageLimitIsRefusedBeforeReading() {
    var image =
        TestImage.of(
            new TestLayer()
                .file("big", new byte[4096], 0644)
                .compression(TestLayer.Compression.NONE));
    assertRefused(
        image,
        ImageLimits.DEFAULT.withMaxImageSize(1024),
        Reason.TOO_LARGE,
        "larger than the limit of 1024 bytes");
  }

  @Test
  void contentGrowingPastTheImageLimitIsRefused() {
    var image = TestImage.of(new TestLayer().file("big", new byte[3 * 1024 * 1024], 0644));
    // gzip shrinks the zeros well below the limit; the uncompressed size is what trips it
    assertRefused(
        image,
        ImageLimits.DEFAULT.withMaxImageSize(1024 * 1024),
        Reason.TOO_LARGE,
        "uncompressed content passed the limit");
  }

  @Test
  void gzipBombIsStoppedByTheCompressionRatio() throws IOException {
    byte[] bomb = TestLayer.gzippedTarOfZeros(256L * 1024 * 1024);
    var image =
        TestImage.of(new TestLayer().file("x", "x"))
            .withLayerBlob(0, blob(bomb, "application/vnd.oci.image.layer.v1.tar+gzip"));
    assertThat(bomb.length).isLessThan(1024 * 1024);
    assertRefused(image, ImageLimits.DEFAULT, Reason.DECOMPRESSION_BOMB, "decompression bomb");
  }

  @Test
  void layerWhoseContentDoesNotMatchItsDigestIsRefused() throws IOException {
    var image = TestImage.of(new TestLayer().file("var/lib/dpkg/status", "Package: a\n"));
    Path layout = image.writeOciLayout(temp.resolve("layout"));
    Path blob = layout.resolve("blobs/sha256/" + image.layerBlobs().get(0).digest().substring(7));
    byte[] content = Files.readAllBytes(blob);
    content[content.length - 5] ^= 0x55; // same length, different bytes
    Files.write(blob, content);
    try (var source = new OciLayoutSource(layout, Platform.LINUX_AMD64)) {
      assertThatThrownBy(
              () ->
                  new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT)
                      .generate(source))
          .isInstanceOf(ImageException.class)
          .satisfies(
              e -> assertThat(((ImageException) e).reason()).isEqualTo(Reason.DIGEST_MISMATCH))
          .hasMessageContaining(image.layerBlobs().get(0).digest());
    }
  }

  @Test
  void blobLongerThanItsDescriptorIsRefused() {
    var image = TestImage.of(new TestLayer().file("a", "a"));
    var real = image.layerBlobs().get(0);
    var shortened =
        new TestImage.Blob(
            real.mediaType(), real.digest(), real.content(), real.content().length - 10);
    assertRefused(
        image.withLayerBlob(0, shortened),
        ImageLimits.DEFAULT,
        Reason.DIGEST_MISMATCH,
        "longer than the");
  }

  @Test
  void manifestThatIsNotJsonIsMalformed() {
    var image =
        TestImage.of(new TestLayer().file("a", "a"))
            .withManifest("{\"schemaVersion\": 2, \"layers\": [".getBytes(StandardCharsets.UTF_8));
    assertRefused(image, ImageLimits.DEFAULT, Reason.MALFORMED_MANIFEST, "not valid JSON");
  }

  @Test
  void manifestWithoutLayersIsMalformed() {
    var image =
        TestImage.of(new TestLayer().file("a", "a"))
            .withManifest(
                "{\"schemaVersion\": 2, \"config\": {}}".getBytes(StandardCharsets.UTF_8));
    assertRefused(image, ImageLimits.DEFAULT, Reason.MALFORMED_MANIFEST, "layers");
  }

  @Test
  void descriptorWithAPathInItsDigestIsMalformed() {
    var image =
        TestImage.of(new TestLayer().file("a", "a"))
            .withManifest(
                ("{\"schemaVersion\":2,"
                        + "\"config\":{\"digest\":\"sha256:../../../etc/passwd\",\"size\":1},\"layers\":[]}")
                    .getBytes(StandardCharsets.UTF_8));
    assertRefused(
        image,
        ImageLimits.DEFAULT,
        Reason.MALFORMED_MANIFEST,
        "invalid or unsupported" + " digest");
  }

  @Test
  void schemaOneManifestIsUnsupported() {
    var image =
        TestImage.of(new TestLayer().file("a", "a"))
            .withManifest(
                ("{\"schemaVersion\":1,"
                        + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+prettyjws\"}")
                    .getBytes(StandardCharsets.UTF_8));
    assertRefused(image, ImageLimits.DEFAULT, Reason.UNSUPPORTED, "schema 1");
  }

  @Test
  void layerThatIsNotATarIsCorrupt() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(bytes)) {
      gz.write(
          "this is not a tar archive, just words. ".repeat(40).getBytes(StandardCharsets.UTF_8));
    }
    var image =
        TestImage.of(new TestLayer().file("a", "a"))
            .withLayerBlob(
                0, blob(bytes.toByteArray(), "application/vnd.oci.image.layer.v1.tar+gzip"));
    assertRefused(image, ImageLimits.DEFAULT, Reason.CORRUPT_LAYER, "could not be read");
  }

  private static TestImage.Blob blob(byte[] content, String mediaType) {
    return new TestImage.Blob(mediaType, Blobs.sha256(content), content, content.length);
  }
}
