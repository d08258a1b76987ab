package io.kso.kubevuln.cli;

import io.kso.kubevuln.match.PackageRef;
import io.kso.kubevuln.match.Purls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packages of a CycloneDX or SPDX JSON SBOM, by their purls. OS packages whose purl has no
 * {@code distro} qualifier take the release from the SBOM's operating-system entry.
 *
 * @param format {@code CycloneDX} or {@code SPDX}
 * @param withoutPurl how many SBOM entries named no purl (and so cannot be matched)
 */
public record SbomFile(String format, List<PackageRef> packages, int withoutPurl) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static SbomFile read(Path path) {
    JsonNode root;
    try (var in = Files.newInputStream(path)) {
      root = JSON.readTree(in);
    } catch (JacksonException | java.io.IOException e) {
      throw new IllegalArgumentException(path + ": not a JSON SBOM: " + e.getMessage(), e);
    }
    if (root.has("spdxVersion")) {
      return spdx(root);
    }
    if ("CycloneDX".equals(root.path("bomFormat").asString("")) || root.has("components")) {
      return cycloneDx(root);
    }
    throw new IllegalArgumentException(path + ": neither a CycloneDX nor an SPDX JSON document");
  }

  private static SbomFile cycloneDx(JsonNode root) {
    var entries = new ArrayList<JsonNode>();
    collect(root.path("components"), entries);
    String distro = null;
    var purls = new LinkedHashSet<String>();
    int without = 0;
    for (JsonNode c : entries) {
      if ("operating-system".equals(c.path("type").asString(""))) {
        distro = c.path("name").asString("") + "-" + c.path("version").asString("");
      } else if (c.hasNonNull("purl")) {
        purls.add(c.path("purl").asString());
      } else {
        without++;
      }
    }
    return new SbomFile("CycloneDX", packages(purls, distro), without);
  }

  private static void collect(JsonNode components, List<JsonNode> out) {
    for (JsonNode c : components) {
      out.add(c);
      collect(c.path("components"), out);
    }
  }

  private static SbomFile spdx(JsonNode root) {
    String distro = null;
    var purls = new LinkedHashSet<String>();
    int without = 0;
    for (JsonNode p : root.path("packages")) {
      if ("OPERATING-SYSTEM".equals(p.path("primaryPackagePurpose").asString(""))) {
        distro = p.path("name").asString("") + "-" + p.path("versionInfo").asString("");
        continue;
      }
      Optional<String> purl = spdxPurl(p);
      if (purl.isPresent()) {
        purls.add(purl.get());
      } else {
        without++;
      }
    }
    return new SbomFile("SPDX", packages(purls, distro), without);
  }

  private static Optional<String> spdxPurl(JsonNode pkg) {
    for (JsonNode ref : pkg.path("externalRefs")) {
      if ("purl".equals(ref.path("referenceType").asString("").toLowerCase(Locale.ROOT))) {
        return Optional.of(ref.path("referenceLocator").asString());
      }
    }
    return Optional.empty();
  }

  private static List<PackageRef> packages(Set<String> purls, String distro) {
    var out = new ArrayList<PackageRef>();
    for (String purl : purls) {
      Purls.toPackage(purl, distro == null ? null : distro.toLowerCase(Locale.ROOT))
          .ifPresent(out::add);
    }
    return out;
  }
}
