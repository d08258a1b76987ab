package io.kso.kubevuln.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line side of the kubevuln jar: {@code java -jar kubevuln.jar <subcommand> ...}.
 * {@code KubevulnApplication} hands over to it, before Spring starts, when the first argument names
 * a subcommand; with no arguments the jar runs the service.
 */
@Command(
    name = "kubevuln",
    mixinStandardHelpOptions = true,
    description = "Lists what is installed in container images (more subcommands to come).",
    subcommands = {
      SbomCommand.class,
    })
public final class KubevulnCli implements Runnable {
  private final InputStream stdin;

  public KubevulnCli(InputStream stdin) {
    this.stdin = stdin;
  }

  /** Standard input, for options such as {@code --password-stdin}. */
  InputStream stdin() {
    return stdin;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "name a subcommand");
  }

  /** Whether {@code args} ask for a subcommand rather than the service. */
  public static boolean handles(String[] args) {
    return args.length > 0 && commandLine(System.in).getSubcommands().containsKey(args[0]);
  }

  public static CommandLine commandLine(InputStream stdin) {
    return new CommandLine(new KubevulnCli(stdin)).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). */
  public static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
    return commandLine(stdin).setOut(out).setErr(err).execute(args);
  }

  public static int execute(String[] args) {
    var out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    var err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return execute(args, System.in, out, err);
  }
}
