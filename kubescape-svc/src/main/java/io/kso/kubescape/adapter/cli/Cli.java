package io.kso.kubescape.adapter.cli;

/**
 * The command line, run before (and instead of) the service when the first argument is scan or
 * bench.
 */
public final class Cli {
  private Cli() {}

  public static boolean wants(String[] args) {
    return args.length > 0 && ("scan".equals(args[0]) || "bench".equals(args[0]));
  }

  public static int run(String[] args) {
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    return "bench".equals(args[0])
        ? io.kso.kubescape.bench.BenchCommand.run(rest, System.out)
        : ScanCommand.run(rest, System.out, System.err);
  }
}
