package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image saved by {@code docker save} (or Jib's buildTar): a tar with {@code manifest.json}, the
 * config and the layer tars. The tar is read in place; blobs without a digest in their name are
 * checked against the config's diff_ids instead.
 */
public final class DockerArchiveSource implements ImageSource {
  private static final Pattern HEX =
      Pattern.compile("(?:^|/)(?:sha256/)?([a-f0-9]{64})(?:\\.json)?$");

  private final Path archive;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();
  private final Map<Descriptor, String> blobPaths = new IdentityHashMap<>();

  public DockerArchiveSource(Path archive) {
    this.archive = archive;
    try {
      this.tar = new TarFile(archive);
    } catch (IOException e) {
      throw new ImageException(
          Reason.IO, "could not open image archive " + archive + ": " + e.getMessage(), e);
    }
    for (TarArchiveEntry e : tar.getEntries()) {
      entries.put(ImagePaths.entry(e.getName()), e);
    }
  }

  @Override
  public ResolvedImage resolve() {
    TarArchiveEntry manifest = entries.get("/manifest.json");
    if (manifest == null) {
      throw new ImageException(
          Reason.MALFORMED_MANIFEST, archive + " is not a docker-archive: it has no manifest.json");
    }
    try (InputStream in = tar.getInputStream(manifest)) {
      byte[] body = in.readNBytes(Manifests.MAX_MANIFEST_BYTES);
      Object parsed =
          tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Object.class);
      if (!(parsed instanceof List<?> list)
          || list.isEmpty()
          || !(list.get(0) instanceof Map<?, ?> first)) {
        throw new ImageException(Reason.MALFORMED_MANIFEST, "manifest.json holds no image");
      }
      return image(first);
    } catch (IOException | tools.jackson.core.JacksonException e) {
      throw new ImageException(
          Reason.MALFORMED_MANIFEST,
          "could not read manifest.json of " + archive + ": " + e.getMessage(),
          e);
    }
  }

  private ResolvedImage image(Map<?, ?> manifest) {
    if (!(manifest.get("Config") instanceof String config)
        || !(manifest.get("Layers") instanceof List<?> layers)) {
      throw new ImageException(Reason.MALFORMED_MANIFEST, "manifest.json lacks Config or Layers");
    }
    Descriptor configDescriptor = blob(config, true);
    List<Descriptor> layerDescriptors = new ArrayList<>();
    for (Object layer : layers) {
      layerDescriptors.add(blob(String.valueOf(layer), false));
    }
    return new ResolvedImage(archive.toString(), null, configDescriptor, layerDescriptors);
  }

  private Descriptor blob(String name, boolean config) {
    String path = ImagePaths.entry(name);
    TarArchiveEntry entry = entries.get(path);
    if (entry == null) {
      throw new ImageException(
          Reason.MALFORMED_MANIFEST,
          "manifest.json names " + name + ", which the archive does not hold");
    }
    Matcher hex = HEX.matcher(path);
    // Layer blobs named by digest (blobs/sha256/...) are verified directly; older archives name
    // layers by an id, and those are verified against the config's diff_ids.
    boolean named = hex.find() && (config || path.contains("/sha256/"));
    Descriptor d =
        new Descriptor(null, named ? "sha256:" + hex.group(1) : null, entry.getSize(), null);
    blobPaths.put(d, path);
    return d;
  }

  @Override
  public InputStream openBlob(Descriptor blob) throws IOException {
    String path = blobPaths.get(blob);
    if (path == null) {
      throw new ImageException(Reason.NOT_FOUND, "no blob " + blob + " in " + archive);
    }
    return tar.getInputStream(entries.get(path));
  }

  @Override
  public void close() {
    try {
      tar.close();
    } catch (IOException e) {
      // read-only: nothing to lose
    }
  }
}
