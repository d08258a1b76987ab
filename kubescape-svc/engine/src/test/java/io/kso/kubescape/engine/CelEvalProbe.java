package io.kso.kubescape.engine;

import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;

/**
 * Evaluates CEL expressions and renders the result or the error as text. {@link
 * CelRuntimeShadowTest} loads it twice: with the patched interpreter and with cel-java's own.
 */
public final class CelEvalProbe {
  private static final CelOptions OPTIONS = CelOptions.current().build();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(
              CelExtensions.optional(),
              CelExtensions.strings(),
              CelExtensions.bindings(),
              CelExtensions.comprehensions())
          .addVar("m", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(
              CelExtensions.optional(), CelExtensions.strings(), CelExtensions.comprehensions())
          .build();

  private CelEvalProbe() {}

  public static String eval(String expression) {
    try {
      Object out =
          RUNTIME
              .createProgram(COMPILER.compile(expression).getAst())
              .eval(Map.of("m", Map.of("a", 1L, "zero", 0L, "list", List.of(1L, 2L))));
      return String.valueOf(out);
    } catch (Exception e) {
      return "error: " + e.getMessage();
    }
  }
}
