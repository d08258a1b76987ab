package io.kso.kubevuln.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * kubevuln's command line: the jar's main dispatches here, before Spring starts, when the first
 * argument is one of these subcommands. Exit codes: 0 done, 1 a finding the caller asked to fail on
 * (severity threshold, stale data), 2 bad usage or input.
 */
@Command(
    name = "kubevuln",
    mixinStandardHelpOptions = true,
    description = "Image SBOMs and vulnerability matching.",
    subcommands = {
      DbCommand.class,
      ScanCommand.class,
    })
public final class KubevulnCli {
  public static final int FINDING = 1;
  public static final int BAD_INPUT = 2;

  /**
   * Whether {@code arg} names a subcommand, so that the jar runs the CLI rather than the service.
   */
  public static boolean handles(String arg) {
    return commandLine().getSubcommands().containsKey(arg);
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    var cli = new CommandLine(new KubevulnCli());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          err.println("kubevuln: " + e.getMessage());
          err.flush();
          return BAD_INPUT;
        });
    return cli;
  }
}
