package io.kso.kubevuln.sbom;

import java.time.Clock;

/** The output formats, by the names the CLI takes. */
public enum SbomFormat {
  CYCLONEDX_JSON("cyclonedx-json"),
  SPDX_JSON("spdx-json");

  private final String cliName;

  SbomFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static SbomFormat fromCliName(String name) {
    for (SbomFormat f : values()) {
      if (f.cliName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "': use cyclonedx-json or spdx-json");
  }

  public String write(Sbom sbom, Clock clock) {
    return this == CYCLONEDX_JSON
        ? new CycloneDxWriter().write(sbom)
        : new SpdxWriter(clock).write(sbom);
  }
}
