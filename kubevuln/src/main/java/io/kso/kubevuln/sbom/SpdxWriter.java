package io.kso.kubevuln.sbom;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPDX 2.3 JSON: the image is the described package and CONTAINS each found package; purls are
 * PACKAGE-MANAGER external references and the evidence paths go in {@code sourceInfo}.
 */
public final class SpdxWriter {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String NOASSERTION = "NOASSERTION";

  private final Clock clock;

  public SpdxWriter(Clock clock) {
    this.clock = clock;
  }

  public String write(Sbom sbom) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("spdxVersion", "SPDX-2.3");
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", sbom.imageRef());
    String id =
        UUID.nameUUIDFromBytes(
                (sbom.imageRef() + "\n" + sbom.digest())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
    doc.put("documentNamespace", "https://kso.io/spdx/kubevuln/" + id);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    doc.put(
        "creationInfo",
        Map.of(
            "created", now.toString(), "creators", List.of("Tool: kubevuln", "Organization: kso")));
    List<Map<String, Object>> packages = new ArrayList<>();
    List<Map<String, Object>> relationships = new ArrayList<>();
    packages.add(image(sbom));
    relationships.add(relation("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image"));
    for (int i = 0; i < sbom.packages().size(); i++) {
      SbomPackage p = sbom.packages().get(i);
      String spdxId = "SPDXRef-Package-" + p.type().purlType() + "-" + (i + 1);
      packages.add(pkg(p, spdxId));
      relationships.add(relation("SPDXRef-Image", "CONTAINS", spdxId));
    }
    doc.put("packages", packages);
    doc.put("relationships", relationships);
    return JSON.writeValueAsString(doc);
  }

  private static Map<String, Object> image(Sbom sbom) {
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("name", sbom.imageRef());
    image.put("SPDXID", "SPDXRef-Image");
    if (sbom.digest() != null) {
      image.put("versionInfo", sbom.digest());
    }
    image.put("downloadLocation", NOASSERTION);
    image.put("filesAnalyzed", false);
    image.put("primaryPackagePurpose", "CONTAINER");
    if (sbom.distro() != null) {
      image.put("comment", "distro: " + sbom.distro().qualifier());
    }
    return image;
  }

  private static Map<String, Object> pkg(SbomPackage p, String spdxId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("SPDXID", spdxId);
    m.put("versionInfo", p.version());
    m.put("downloadLocation", NOASSERTION);
    m.put("filesAnalyzed", false);
    m.put("licenseConcluded", NOASSERTION);
    m.put("licenseDeclared", NOASSERTION);
    m.put("copyrightText", NOASSERTION);
    if (p.sourceName() != null) {
      m.put(
          "comment",
          "source package: "
              + p.sourceName()
              + (p.sourceVersion() == null ? "" : " " + p.sourceVersion()));
    }
    m.put("sourceInfo", "found in: " + String.join(", ", p.locations()));
    m.put("primaryPackagePurpose", p.type().isOsPackage() ? "OPERATING-SYSTEM" : "LIBRARY");
    m.put(
        "externalRefs",
        List.of(
            Map.of(
                "referenceCategory",
                "PACKAGE-MANAGER",
                "referenceType",
                "purl",
                "referenceLocator",
                p.purl())));
    return m;
  }

  private static Map<String, Object> relation(String from, String type, String to) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("spdxElementId", from);
    r.put("relationshipType", type);
    r.put("relatedSpdxElement", to);
    return r;
  }
}
