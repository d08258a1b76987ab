package io.kso.kubescape.posture.archfixture;

/** ArchitectureTest's fixture: a core class that breaks the rule. Not a component. */
public final class CoreUsingSpring {
  public String version() {
    return org.springframework.core.SpringVersion.getVersion();
  }
}
