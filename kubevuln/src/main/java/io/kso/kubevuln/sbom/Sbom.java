package io.kso.kubevuln.sbom;

import java.util.List;

/**
 * What is installed in one image.
 *
 * @param imageRef the image as the user named it
 * @param digest the manifest digest, or null (docker-archive)
 * @param distro the operating system, or null when the image has no os-release
 * @param packages deduplicated by purl and sorted by type, name, version and purl
 */
public record Sbom(String imageRef, String digest, Distro distro, List<SbomPackage> packages) {
  public Sbom {
    packages = List.copyOf(packages);
  }
}
