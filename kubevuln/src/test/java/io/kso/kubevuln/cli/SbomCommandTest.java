package io.kso.kubevuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.testing.CliRun;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sbom subcommand on local images and bad input. */
class SbomCommandTest {
  @TempDir Path temp;

  private Path layout() {
    return TestImage.of(
            new TestLayer()
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file(
                    "var/lib/dpkg/status",
                    "Package: tzdata\nStatus: install ok installed\n"
                        + "Version: 2024a-0+deb12u1\nArchitecture: all\n"))
        .writeOciLayout(temp.resolve("layout"));
  }

  @Test
  void ociLayoutDirectoryToStdout() {
    CliRun run = CliRun.of("sbom", layout().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"bomFormat\" : \"CycloneDX\"")
        .contains("pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12")
        .doesNotContain("timestamp")
        .contains("\"location\" : \"/var/lib/dpkg/status\"");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void sameImageSameBytes() {
    Path layout = layout();
    assertThat(CliRun.of("sbom", layout.toString()).out())
        .isEqualTo(CliRun.of("sbom", layout.toString()).out());
  }

  @Test
  void dockerArchiveAsSpdx() {
    Path archive =
        TestImage.of(new TestLayer().file("app/requirements.txt", "flask==3.0.0\n"))
            .writeDockerArchive(temp.resolve("image.tar"));

    CliRun run = CliRun.of("sbom", archive.toString(), "--format", "spdx-json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json()).containsEntry("spdxVersion", "SPDX-2.3");
    assertThat(run.out()).contains("pkg:pypi/flask@3.0.0");
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliRun run = CliRun.of("sbom", layout().toString(), "--format", "xml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown format 'xml'");
  }

  @Test
  void usernameWithoutPasswordIsAUsageError() {
    CliRun run = CliRun.of("sbom", "example.com/app:1", "--username", "me");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--username and --password-stdin go together");
  }

  @Test
  void invalidReferenceIsAClearError() {
    CliRun run = CliRun.of("sbom", "Not A Reference");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not a valid image reference");
  }

  @Test
  void missingPathAndNonLayoutDirectoryAreClearErrors() {
    CliRun missing = CliRun.of("sbom", temp.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no such file or directory");
    CliRun plainDir = CliRun.of("sbom", temp.toString());
    assertThat(plainDir.exitCode()).isEqualTo(1);
    assertThat(plainDir.err()).contains("not an OCI image layout");
  }

  @Test
  void outputFileIsWrittenWhole() throws Exception {
    Path out = temp.resolve("out.json");
    CliRun run = CliRun.of("sbom", layout().toString(), "-o", out.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(out)).contains("tzdata").endsWith("}\n");
  }

  @Test
  void theApplicationRecognisesItsSubcommands() {
    assertThat(KubevulnCli.handles(new String[] {"sbom", "x"})).isTrue();
    assertThat(KubevulnCli.handles(new String[] {})).isFalse();
    assertThat(KubevulnCli.handles(new String[] {"--server.port=9"})).isFalse();
  }
}
