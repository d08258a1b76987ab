package io.kso.kubescape;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.kso.kubescape.posture.archfixture.CoreUsingSpring;
import io.kso.kubescape.posture.archfixture.CoreUsingTheEngine;
import org.junit.jupiter.api.Test;

/**
 * The service's core (posture scans and their ports) is plain Java: it uses the engine, never
 * Spring, the Kubernetes client, Helm, picocli or the adapters. The engine module checks itself
 * (EngineIsPlainJavaTest).
 */
class ArchitectureTest {
  static ArchRule coreIsPlainJava() {
    return classes()
        .that()
        .resideInAnyPackage("io.kso.kubescape.posture..", "io.kso.kubescape.port..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.kso.common..",
            "io.kso.kubescape.bundle..",
            "io.kso.kubescape.engine..",
            "io.kso.kubescape.scan..",
            "io.kso.kubescape.report..",
            "io.kso.kubescape.input..",
            "io.kso.kubescape.port..",
            "io.kso.kubescape.posture..",
            "org.slf4j..",
            // Jackson's streaming core (no data binding): the report chunks are cut as a stream.
            "tools.jackson.core..");
  }

  @Test
  void theServicesCoreIsPlainJava() {
    coreIsPlainJava()
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kso.kubescape"));
  }

  @Test
  void theRuleRejectsACoreClassThatUsesSpring() {
    assertThatThrownBy(
            () ->
                coreIsPlainJava()
                    .check(new ClassFileImporter().importClasses(CoreUsingSpring.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.springframework");
  }

  @Test
  void theRuleLetsTheCoreUseTheEngineAndSlf4j() {
    assertThatCode(
            () ->
                coreIsPlainJava()
                    .check(new ClassFileImporter().importClasses(CoreUsingTheEngine.class)))
        .doesNotThrowAnyException();
  }
}
