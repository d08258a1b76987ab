package io.kso.suite;

import java.nio.file.Path;

/** The checkout the tests run in: failsafe passes it as {@code kso.project.dir}. */
final class TestProject {
  private TestProject() {}

  static Path dir() {
    String dir = System.getProperty("kso.project.dir");
    return dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
  }
}
