package io.kso.kubevuln.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurlsTest {
  private static PackageRef ref(String purl) {
    return Purls.toPackage(purl, null).orElseThrow();
  }

  @Test
  void debianPackagesTakeTheMajorReleaseAndTheSourcePackage() {
    PackageRef p =
        ref("pkg:deb/debian/libss2@1.43.4-2?arch=amd64&distro=debian-9&upstream=e2fsprogs");
    assertThat(p.ecosystem()).isEqualTo("Debian:9");
    assertThat(p.name()).isEqualTo("libss2");
    assertThat(p.sourceName()).isEqualTo("e2fsprogs");
    assertThat(p.sourceVersion()).isEmpty();
  }

  @Test
  void readsTheSourceVersionAndTheEpochQualifier() {
    PackageRef p =
        ref(
            "pkg:deb/ubuntu/bsdutils@2.31.1-0.4ubuntu3.1?distro=ubuntu-18.04&epoch=1&upstream=util-linux%402.31.1-0.4ubuntu3.1");
    assertThat(p.ecosystem()).isEqualTo("Ubuntu:18.04");
    assertThat(p.version()).isEqualTo("1:2.31.1-0.4ubuntu3.1");
    assertThat(p.sourceName()).isEqualTo("util-linux");
    assertThat(p.sourceVersion()).isEqualTo("1:2.31.1-0.4ubuntu3.1");
  }

  @Test
  void alpineReleasesAreMajorDotMinorWithAV() {
    assertThat(
            ref("pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?distro=alpine-3.10.2&upstream=openssl")
                .ecosystem())
        .isEqualTo("Alpine:v3.10");
    assertThat(ref("pkg:apk/alpine/musl@1.1.20-r4?distro=3.9.4").ecosystem())
        .isEqualTo("Alpine:v3.9");
  }

  @Test
  void codenamesAndTheSbomsOperatingSystemGiveTheRelease() {
    assertThat(ref("pkg:deb/ubuntu/libzstd1@1.4.8?distro=jammy").ecosystem())
        .isEqualTo("Ubuntu:22.04");
    assertThat(
            Purls.toPackage("pkg:deb/debian/bash@5.0-4", "debian-10.13").orElseThrow().ecosystem())
        .isEqualTo("Debian:10");
    assertThat(ref("pkg:deb/debian/bash@5.0-4").ecosystem()).isEqualTo("Debian");
  }

  @Test
  void languagePackagesUseTheirRegistrysNames() {
    assertThat(ref("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
        .extracting(PackageRef::ecosystem, PackageRef::name)
        .containsExactly("Maven", "org.apache.logging.log4j:log4j-core");
    assertThat(ref("pkg:npm/%40babel/core@7.0.0").name()).isEqualTo("@babel/core");
    assertThat(ref("pkg:golang/golang.org/x/sys@v0.0.0-20210817142637-7d9622a276b7"))
        .extracting(PackageRef::ecosystem, PackageRef::name)
        .containsExactly("Go", "golang.org/x/sys");
    assertThat(ref("pkg:pypi/Flask-Cors@1.0.0").ecosystem()).isEqualTo("PyPI");
  }

  @Test
  void skipsPurlsWithoutVersionOrThatDoNotParse() {
    assertThat(Purls.toPackage("pkg:npm/left-pad", null)).isEmpty();
    assertThat(Purls.toPackage("not a purl", null)).isEmpty();
  }
}
