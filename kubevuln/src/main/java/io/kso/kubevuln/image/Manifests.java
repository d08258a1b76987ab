package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads Docker v2.2 and OCI manifests and indexes, and picks a platform from an index. */
public final class Manifests {
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** The Accept header for manifest requests: every kind this reader understands. */
  public static final String ACCEPT =
      String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  /** Larger manifests are refused (the distribution spec suggests registries stop at 4 MiB). */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private static final Set<String> CONFIG_TYPES =
      Set.of(
          "application/vnd.oci.image.config.v1+json",
          "application/vnd.docker.container.image.v1+json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Manifests() {}

  /** A parsed manifest: either an image manifest or an index of per-platform manifests. */
  public sealed interface Parsed permits ImageManifest, ImageIndex {}

  public record ImageManifest(Descriptor config, List<Descriptor> layers) implements Parsed {}

  public record ImageIndex(List<Descriptor> manifests) implements Parsed {}

  /**
   * @param contentType the registry's Content-Type, or null to go by the document's mediaType
   */
  public static Parsed parse(byte[] body, String contentType) {
    Map<?, ?> root = readObject(body, "manifest");
    String type = mediaType(root, contentType);
    if (!(root.get("schemaVersion") instanceof Number v) || v.intValue() != 2) {
      throw new ImageException(
          Reason.UNSUPPORTED,
          "only schemaVersion 2 manifests are supported (Docker v2.2 or OCI); got " + type);
    }
    if (root.get("manifests") instanceof List<?> list) {
      return new ImageIndex(descriptors(list, "manifests"));
    }
    if (!(root.get("config") instanceof Map<?, ?> config)
        || !(root.get("layers") instanceof List<?> layers)) {
      throw new ImageException(
          Reason.MALFORMED_MANIFEST, "manifest has neither manifests[] nor config and layers[]");
    }
    Descriptor configDescriptor = Descriptor.fromJson(config);
    if (configDescriptor.mediaType() != null
        && !CONFIG_TYPES.contains(configDescriptor.mediaType())) {
      throw new ImageException(
          Reason.UNSUPPORTED,
          "not a container image: config media type " + configDescriptor.mediaType());
    }
    return new ImageManifest(configDescriptor, descriptors(layers, "layers"));
  }

  /** The entry of {@code index} for {@code platform}, or a clear error listing what there is. */
  public static Descriptor select(ImageIndex index, Platform platform) {
    List<String> offered = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (platform.matches(d.platform())) {
        return d;
      }
      if (d.platform() != null) {
        offered.add(d.platform().toString());
      }
    }
    throw new ImageException(
        Reason.NO_MATCHING_PLATFORM,
        "the image index has no " + platform + " image; it has " + offered);
  }

  /** Parses a JSON object document (manifest, index, config), with a clear error if it is not. */
  public static Map<?, ?> readObject(byte[] body, String what) {
    try {
      Object parsed = JSON.readValue(body, Object.class);
      if (parsed instanceof Map<?, ?> map) {
        return map;
      }
    } catch (JacksonException e) {
      throw new ImageException(
          Reason.MALFORMED_MANIFEST,
          "the " + what + " is not valid JSON: " + e.getOriginalMessage());
    }
    throw new ImageException(Reason.MALFORMED_MANIFEST, "the " + what + " is not a JSON object");
  }

  private static String mediaType(Map<?, ?> root, String contentType) {
    String type = root.get("mediaType") instanceof String s ? s : contentType;
    if (type != null && type.contains("distribution.manifest.v1+")) {
      throw new ImageException(
          Reason.UNSUPPORTED, "Docker schema 1 manifests are not supported (" + type + ")");
    }
    return type;
  }

  private static List<Descriptor> descriptors(List<?> list, String field) {
    List<Descriptor> result = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new ImageException(Reason.MALFORMED_MANIFEST, field + "[] holds a non-object");
      }
      result.add(Descriptor.fromJson(m));
    }
    return List.copyOf(result);
  }
}
