package io.kso.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.operator.port.RegistryCatalog;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegistryImagesTest {
  @Test
  void latestComesFirstThenTheOtherTagsNewestNameFirst() {
    assertThat(RegistryImages.chosenTags(List.of("1.0", "latest", "2.0", "1.5"), 3))
        .containsExactly("latest", "2.0", "1.5");
    assertThat(RegistryImages.chosenTags(List.of("a", "b"), 0)).containsExactly("b");
    assertThat(RegistryImages.chosenTags(List.of(), 2)).isEmpty();
  }

  @Test
  void includeNarrowsToTheNamedRepositoriesOfTheProject() {
    RegistryCatalog catalog = catalog(List.of("team/a", "team/b", "teamx/a", "other/a"), 1);
    RegistryTarget target = target("team", List.of("b"), List.of());

    assertThat(new RegistryImages(catalog).repositories(target)).containsExactly("team/b");
  }

  @Test
  void wholeRegistryWhenNoProjectIsNamed() {
    RegistryCatalog catalog = catalog(List.of("team/a", "b"), 1);

    assertThat(new RegistryImages(catalog).repositories(target("", List.of(), List.of("b"))))
        .containsExactly("team/a");
  }

  @Test
  void aScanTakesAtMostFiveHundredImages() {
    List<String> repositories = IntStream.range(0, 300).mapToObj(i -> "r" + i).toList();
    RegistryCatalog catalog = catalog(repositories, 3);

    List<RegistryImages.Image> images = new RegistryImages(catalog).images(targetWithDepth(2));

    assertThat(images).hasSize(RegistryImages.MAX_IMAGES);
    assertThat(images.get(0)).isEqualTo(new RegistryImages.Image("r0", "t2"));
    assertThat(images.get(499)).isEqualTo(new RegistryImages.Image("r249", "t1"));
  }

  private static RegistryTarget target(String project, List<String> include, List<String> exclude) {
    return new RegistryTarget(
        "registry.example", project, "", true, false, null, null, null, 1, include, exclude);
  }

  private static RegistryTarget targetWithDepth(int depth) {
    return new RegistryTarget(
        "registry.example", "", "", true, false, null, null, null, depth, List.of(), List.of());
  }

  private static RegistryCatalog catalog(List<String> repositories, int tagsEach) {
    return new RegistryCatalog() {
      @Override
      public void checkAccess(RegistryTarget target) {}

      @Override
      public List<String> repositories(RegistryTarget target) {
        return repositories;
      }

      @Override
      public List<String> tags(RegistryTarget target, String repository) {
        return IntStream.range(0, tagsEach).mapToObj(i -> "t" + i).toList();
      }
    };
  }
}
