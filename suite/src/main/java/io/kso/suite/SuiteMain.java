package io.kso.suite;

import io.kso.suite.bench.StartupBench;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar suite/target/suite.jar up|bench}: the suite on one machine. */
@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    description = "Runs the whole suite locally on 127.0.0.1, or measures its footprint.",
    subcommands = {UpCommand.class, StartupBench.class, io.kso.suite.bench.PostureBench.class})
public final class SuiteMain {
  public static void main(String[] args) {
    System.exit(new CommandLine(new SuiteMain()).execute(args));
  }

  /** The checkout: the current directory if it holds the project, else the one above the jar. */
  public static Path projectDir(Path given) {
    if (given != null) {
      return given.toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isDirectory(cwd.resolve("service-base"))
        && Files.isRegularFile(cwd.resolve("pom.xml"))) {
      return cwd;
    }
    try {
      Path jar =
          Path.of(SuiteMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().getParent().getParent().toAbsolutePath().normalize();
    } catch (java.net.URISyntaxException e) {
      return cwd;
    }
  }
}
