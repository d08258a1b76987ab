package io.kso.kubevuln.sbom;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One package found in an image.
 *
 * @param name the package's name in its ecosystem ({@code libssl3}, {@code org.slf4j:slf4j-api},
 *     {@code @babel/core})
 * @param version the version exactly as the package database records it
 * @param type the ecosystem
 * @param purl the package URL, with distro qualifiers for OS packages; null until the distro is
 *     known ({@link Purls})
 * @param sourceName the source package (dpkg Source, apk origin, rpm source RPM name), or null
 * @param sourceVersion the source package's version, or null
 * @param locations where the evidence was found: image paths, with the path inside an archive after
 *     the archive's path ({@code /app/a.jar/META-INF/maven/g/a/pom.properties})
 * @param properties further facts ({@code arch}, {@code epoch}, {@code dev}), sorted by key
 */
public record SbomPackage(
    String name,
    String version,
    PackageType type,
    String purl,
    String sourceName,
    String sourceVersion,
    List<String> locations,
    Map<String, String> properties) {
  public SbomPackage {
    locations = List.copyOf(locations);
    properties =
        properties == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  public static SbomPackage of(String name, String version, PackageType type, String location) {
    return new SbomPackage(name, version, type, null, null, null, List.of(location), Map.of());
  }

  public SbomPackage withSource(String source, String sourceVersion) {
    return new SbomPackage(name, version, type, purl, source, sourceVersion, locations, properties);
  }

  public SbomPackage withProperty(String key, String value) {
    if (value == null || value.isEmpty()) {
      return this;
    }
    var p = new TreeMap<>(properties);
    p.put(key, value);
    return new SbomPackage(name, version, type, purl, sourceName, sourceVersion, locations, p);
  }

  public SbomPackage withPurl(String newPurl) {
    return new SbomPackage(
        name, version, type, newPurl, sourceName, sourceVersion, locations, properties);
  }

  public SbomPackage withLocations(List<String> newLocations) {
    return new SbomPackage(
        name, version, type, purl, sourceName, sourceVersion, newLocations, properties);
  }

  public String property(String key) {
    return properties.get(key);
  }
}
