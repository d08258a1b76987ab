package io.kso.kubevuln.registry;

import io.kso.kubevuln.image.Descriptor;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import java.util.regex.Pattern;

/**
 * A parsed image reference, {@code [registry/]repository[:tag][@digest]}, with Docker's defaults:
 * Docker Hub for a bare name, {@code library/} for official images, {@code latest} for no tag.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

  public static ImageReference parse(String text) {
    if (text == null || text.isBlank() || text.length() > 4096) {
      throw invalid(text, "empty");
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!Descriptor.isValidDigest(digest)) {
        throw invalid(text, "bad digest");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(text, "bad tag");
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".")
          || first.contains(":")
          || first.equals("localhost")
          || first.startsWith("[")) {
        registry = first;
        rest = rest.substring(slash + 1);
        if (!HOST.matcher(registry).matches()) {
          throw invalid(text, "bad registry host");
        }
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw invalid(text, "bad repository name");
      }
    }
    return new ImageReference(
        registry, rest, tag == null && digest == null ? "latest" : tag, digest);
  }

  private static ImageException invalid(String text, String why) {
    return new ImageException(
        Reason.INVALID_REFERENCE, "not a valid image reference (" + why + "): " + text);
  }

  /** The host to talk to: Docker Hub's API lives at registry-1.docker.io. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** The digest if given, else the tag: what to ask the manifests endpoint for. */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest);
  }
}
