package io.kso.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command and schedule core is plain Java: no Spring, no HTTP types, no Kubernetes client. */
@AnalyzeClasses(packages = "io.kso.operator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreIsPlainJava =
      classes()
          .that()
          .resideInAnyPackage(
              "io.kso.operator.command..", "io.kso.operator.schedule..", "io.kso.operator.model..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "io.kso.common..",
              "io.kso.operator.command..",
              "io.kso.operator.schedule..",
              "io.kso.operator.model..",
              "io.kso.operator.port..",
              "io.kso.operator.posture..",
              "io.kso.operator.vuln..",
              "io.fabric8.kubernetes.api.model..",
              "com.cronutils..",
              "org.slf4j..",
              "tools.jackson.core..");
}
