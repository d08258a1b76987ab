package io.kso.kubevuln;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The version orderings and the matcher are plain Java: no framework, JSON or database types. */
@AnalyzeClasses(packages = "io.kso.kubevuln", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule CORE_IS_PLAIN_JAVA =
      noClasses()
          .that()
          .resideInAnyPackage("io.kso.kubevuln.version..", "io.kso.kubevuln.match..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "tools.jackson..",
              "java.sql..",
              "org.sqlite..",
              "picocli..",
              "io.kso.kubevuln.store..",
              "io.kso.kubevuln.cli..");
}
