package io.kso.kubevuln.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line side of the kubevuln jar: {@code java -jar kubevuln.jar <subcommand> ...}.
 * {@code KubevulnApplication} hands over to it, before Spring starts, when the first argument names
 * a subcommand; with no arguments the jar runs the service. Exit codes: 0 done, 1 a finding the
 * caller asked to fail on (severity threshold, stale data), 2 bad usage or input.
 */
@Command(
    name = "kubevuln",
    mixinStandardHelpOptions = true,
    description = "Image SBOMs and vulnerability matching.",
    subcommands = {
      SbomCommand.class,
      DbCommand.class,
      ScanCommand.class,
    })
public final class KubevulnCli implements Runnable {
  public static final int FINDING = 1;
  public static final int BAD_INPUT = 2;

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
    return args.length > 0 && handles(args[0]);
  }

  /** Whether {@code arg} names a subcommand. */
  public static boolean handles(String arg) {
    return commandLine(System.in).getSubcommands().containsKey(arg);
  }

  public static CommandLine commandLine(InputStream stdin) {
    CommandLine cli =
        new CommandLine(new KubevulnCli(stdin)).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          err.println("kubevuln: " + e.getMessage());
          err.flush();
          return BAD_INPUT;
        });
    return cli;
  }

  static CommandLine commandLine() {
    return commandLine(System.in);
  }

  /** Runs the command; returns the exit code. */
  public static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
    return commandLine(stdin).setOut(out).setErr(err).execute(args);
  }

  public static int execute(String[] args) {
    var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return execute(args, System.in, out, err);
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }
}
