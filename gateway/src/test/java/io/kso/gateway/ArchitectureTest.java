package io.kso.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The relay core is plain Java: no Spring, no HTTP or websocket types, no Kubernetes client. */
@AnalyzeClasses(packages = "io.kso.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreIsPlainJava =
      classes()
          .that()
          .resideInAPackage("io.kso.gateway.relay..")
          .and()
          .resideOutsideOfPackage("..adapter..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "io.kso.common..",
              "io.kso.gateway.relay..",
              "io.fabric8.kubernetes.api.model..");
}
