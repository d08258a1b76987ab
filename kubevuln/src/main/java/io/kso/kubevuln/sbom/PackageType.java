package io.kso.kubevuln.sbom;

/** The kind of package, named by its package-URL type. */
public enum PackageType {
  DEB("deb"),
  APK("apk"),
  RPM("rpm"),
  MAVEN("maven"),
  NPM("npm"),
  PYPI("pypi"),
  GOLANG("golang");

  private final String purlType;

  PackageType(String purlType) {
    this.purlType = purlType;
  }

  public String purlType() {
    return purlType;
  }

  /** OS packages are matched against the distribution's own advisories. */
  public boolean isOsPackage() {
    return this == DEB || this == APK || this == RPM;
  }
}
