package io.kso.operator.registry;

import io.kso.operator.port.RegistryCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which images of a registry a scan takes: the repositories under the target's project, narrowed by
 * its include and exclude lists (names relative to the project), and from each up to {@code depth}
 * tags, {@code latest} first, then the others in descending order. At most {@link #MAX_IMAGES}
 * images in all, as in the original.
 */
public final class RegistryImages {
  public static final int MAX_IMAGES = 500;
  private static final String LATEST = "latest";

  private final RegistryCatalog catalog;

  public RegistryImages(RegistryCatalog catalog) {
    this.catalog = catalog;
  }

  /** One image: the repository's full name in the registry, and the tag. */
  public record Image(String repository, String tag) {}

  /** The repositories in scope, in the registry's order. */
  public List<String> repositories(RegistryTarget target) {
    String prefix = target.project().isEmpty() ? "" : target.project() + "/";
    List<String> out = new ArrayList<>();
    for (String repository : catalog.repositories(target)) {
      if (!repository.startsWith(prefix)) {
        continue;
      }
      String relative = repository.substring(prefix.length());
      if (!target.include().isEmpty() && !target.include().contains(relative)) {
        continue;
      }
      if (target.exclude().contains(relative)) {
        continue;
      }
      out.add(repository);
    }
    return out;
  }

  public List<Image> images(RegistryTarget target) {
    List<Image> out = new ArrayList<>();
    for (String repository : repositories(target)) {
      for (String tag : chosenTags(catalog.tags(target, repository), target.depth())) {
        if (out.size() == MAX_IMAGES) {
          return out;
        }
        out.add(new Image(repository, tag));
      }
    }
    return out;
  }

  static List<String> chosenTags(List<String> tags, int depth) {
    List<String> ordered = new ArrayList<>();
    if (tags.contains(LATEST)) {
      ordered.add(LATEST);
    }
    tags.stream()
        .filter(t -> !t.equals(LATEST))
        .sorted(Comparator.reverseOrder())
        .forEach(ordered::add);
    return ordered.subList(0, Math.min(Math.max(depth, 1), ordered.size()));
  }
}
