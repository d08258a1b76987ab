package io.kso.kubevuln.cli;

import static io.kso.kubevuln.testing.OsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.match.PackageRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomFileTest {
  @TempDir Path tmp;

  @Test
  void readsNestedCycloneDxComponentsOnceEach() {
    Path bom =
        write(
            tmp.resolve("bom.json"),
            """
        {"bomFormat":"CycloneDX","components":[
          {"type":"application","name":"app.jar","purl":"pkg:maven/com.example/app@1.0",
           "components":[{"type":"library","purl":"pkg:maven/org.yaml/snakeyaml@1.33"}]},
          {"type":"library","purl":"pkg:maven/org.yaml/snakeyaml@1.33"}]}
        """);
    SbomFile sbom = SbomFile.read(bom);
    assertThat(sbom.format()).isEqualTo("CycloneDX");
    assertThat(sbom.packages())
        .extracting(PackageRef::name)
        .containsExactly("com.example:app", "org.yaml:snakeyaml");
  }

  @Test
  void spdxTakesTheReleaseFromTheOperatingSystemPackage() {
    Path spdx =
        write(
            tmp.resolve("spdx.json"),
            """
        {"spdxVersion":"SPDX-2.3","packages":[
          {"name":"ubuntu","versionInfo":"22.04","primaryPackagePurpose":"OPERATING-SYSTEM"},
          {"name":"libzstd1","externalRefs":[{"referenceType":"purl",
            "referenceLocator":"pkg:deb/ubuntu/libzstd1@1.4.8%2Bdfsg-3build1?arch=amd64&upstream=libzstd"}]},
          {"name":"no-purl"}]}
        """);
    SbomFile sbom = SbomFile.read(spdx);
    assertThat(sbom.withoutPurl()).isEqualTo(1);
    assertThat(sbom.packages())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ecosystem()).isEqualTo("Ubuntu:22.04");
              assertThat(p.version()).isEqualTo("1.4.8+dfsg-3build1");
              assertThat(p.sourceName()).isEqualTo("libzstd");
            });
  }
}
