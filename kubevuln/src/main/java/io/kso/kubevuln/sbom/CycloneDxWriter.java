package io.kso.kubevuln.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * CycloneDX 1.6 JSON through CycloneDX's own Java library. The image is the metadata component, the
 * distribution an operating-system component, and each package a library whose bom-ref is its purl;
 * facts without a CycloneDX field are {@code kso:package:*} properties. The output has no timestamp
 * and a serial number derived from the content, so the same image gives the same bytes.
 */
public final class CycloneDxWriter {
  public static final String PROPERTY_PREFIX = "kso:package:";

  public String write(Sbom sbom) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(fingerprint(sbom)));
    bom.setMetadata(metadata(sbom));
    List<Component> components = new ArrayList<>();
    if (sbom.distro() != null) {
      components.add(operatingSystem(sbom.distro()));
    }
    sbom.packages().forEach(p -> components.add(component(p)));
    bom.setComponents(components);
    try {
      return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
    }
  }

  private static byte[] fingerprint(Sbom sbom) {
    StringBuilder s = new StringBuilder(sbom.imageRef()).append('\n').append(sbom.digest());
    sbom.packages().forEach(p -> s.append('\n').append(p.purl()));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Metadata metadata(Sbom sbom) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(null); // same image, same bytes
    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    image.setBomRef("image");
    image.setName(sbom.imageRef());
    if (sbom.digest() != null) {
      image.setVersion(sbom.digest());
    }
    metadata.setComponent(image);
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setGroup("io.kso");
    tool.setName("kubevuln");
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    return metadata;
  }

  private static Component operatingSystem(Distro distro) {
    Component os = new Component();
    os.setType(Component.Type.OPERATING_SYSTEM);
    os.setBomRef("os:" + distro.qualifier());
    os.setName(distro.id());
    os.setVersion(distro.versionId());
    if (distro.prettyName() != null) {
      os.setDescription(distro.prettyName());
    }
    return os;
  }

  private static Component component(SbomPackage p) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(p.purl());
    c.setPurl(p.purl());
    try {
      PackageURL purl = new PackageURL(p.purl());
      c.setGroup(
          purl.getNamespace() != null && !p.type().isOsPackage() ? purl.getNamespace() : null);
      c.setName(p.type().isOsPackage() ? p.name() : purl.getName());
    } catch (MalformedPackageURLException e) {
      c.setName(p.name());
    }
    c.setVersion(p.version());
    List<Property> properties = new ArrayList<>();
    properties.add(property("type", p.type().purlType()));
    if (p.sourceName() != null) {
      properties.add(property("source-name", p.sourceName()));
    }
    if (p.sourceVersion() != null) {
      properties.add(property("source-version", p.sourceVersion()));
    }
    p.properties().forEach((k, v) -> properties.add(property(k, v)));
    c.setProperties(properties);
    Evidence evidence = new Evidence();
    for (String location : p.locations()) {
      Occurrence o = new Occurrence();
      o.setLocation(location);
      evidence.addOccurrence(o);
    }
    c.setEvidence(evidence);
    return c;
  }

  private static Property property(String name, String value) {
    Property p = new Property();
    p.setName(PROPERTY_PREFIX + name);
    p.setValue(value);
    return p;
  }
}
