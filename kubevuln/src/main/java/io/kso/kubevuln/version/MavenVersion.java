package io.kso.kubevuln.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/** Maven's own ordering, from maven-artifact's {@link ComparableVersion} (Maven 3.9 rules). */
public final class MavenVersion implements VersionScheme {

  @Override
  public String name() {
    return "maven";
  }

  @Override
  public int compare(String a, String b) {
    return Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
  }
}
