package io.kso.kubevuln.catalog;

import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.OciLayoutSource;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.testing.CatalogerFixtures;
import io.kso.kubevuln.testing.CatalogerFixtures.Fixture;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cataloger fixture, as an OCI layout image, gives exactly the expected packages. */
class CatalogerFixturesTest {
  @TempDir Path temp;

  static Stream<Fixture> fixtures() {
    return CatalogerFixtures.imageFixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void sbomListsExactlyTheExpectedPackages(Fixture fixture) {
    Path layout = CatalogerFixtures.image(fixture).writeOciLayout(temp.resolve("layout"));
    try (var source = new OciLayoutSource(layout, Platform.LINUX_AMD64)) {
      var sbom =
          new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT).generate(source);
      CatalogerFixtures.assertMatches(fixture, sbom);
    }
  }
}
