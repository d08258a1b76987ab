package io.kso.kubevuln.image;

import java.util.List;

/**
 * One platform's image, as its source describes it, before any layer is read.
 *
 * @param reference what the user named (registry reference, layout directory, archive)
 * @param digest the manifest's digest, or null where the source has none (docker-archive)
 * @param config the config blob's descriptor
 * @param layers the layers, bottom first
 */
public record ResolvedImage(
    String reference, String digest, Descriptor config, List<Descriptor> layers) {
  public ResolvedImage {
    layers = List.copyOf(layers);
  }
}
