package io.kso.kubescape.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine module is plain Java: none of its classes uses Spring, the Kubernetes client, Helm or
 * picocli, and none of those is on its class path at all (the pom's enforcer rule bans them from
 * the dependency tree too).
 */
class EngineIsPlainJavaTest {
  /** This module's own classes: target/classes, not the jars on the class path. */
  static final JavaClasses ENGINE = new ClassFileImporter().importPath(Path.of("target/classes"));

  @Test
  void dependsOnNoSpringKubernetesClientHelmOrPicocliType() {
    assertThat(ENGINE.containPackage("io.kso.kubescape.scan")).isTrue();
    assertThat(ENGINE.containPackage("dev.cel.runtime")).isTrue();

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.fabric8..", "com.marcnuri..", "picocli..")
        .check(ENGINE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "org.springframework.core.SpringVersion",
        "io.fabric8.kubernetes.client.KubernetesClient",
        "io.fabric8.kubernetes.api.model.Pod",
        "com.marcnuri.helm.Helm",
        "picocli.CommandLine"
      })
  void noneOfTheServicesLibrariesIsOnTheClassPath(String className) {
    assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
  }
}
