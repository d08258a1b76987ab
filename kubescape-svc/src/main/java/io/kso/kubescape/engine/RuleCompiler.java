package io.kso.kubescape.engine;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.kso.kubescape.bundle.BundleException;
import io.kso.kubescape.bundle.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles rules to CEL programs, once per bundle. */
public final class RuleCompiler {
  /** Variables every rule may read (see docs/config-scanning.md). */
  static final List<String> VARIABLES =
      List.of("object", "objects", "podSpec", "podMeta", "containers", "inputs", "data");

  private final Cel cel;

  public RuleCompiler() {
    CelOptions options =
        CelOptions.current()
            .enableTimestampEpoch(true)
            .enableHeterogeneousNumericComparisons(true)
            .build();
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                CelExtensions.optional(),
                CelExtensions.strings(),
                CelExtensions.comprehensions(),
                CelExtensions.lists(),
                CelExtensions.bindings(),
                CelExtensions.sets(options),
                CelExtensions.regex(),
                CelExtensions.math(options))
            .addRuntimeLibraries(
                CelExtensions.optional(),
                CelExtensions.strings(),
                CelExtensions.comprehensions(),
                CelExtensions.lists(),
                CelExtensions.sets(options),
                CelExtensions.regex(),
                CelExtensions.math(options))
            .addFunctionDeclarations(RuleFunctions.declarations())
            .addFunctionBindings(RuleFunctions.bindings());
    for (String v : VARIABLES) {
      builder.addVar(v, SimpleType.DYN);
    }
    builder.addVar("podPath", SimpleType.STRING);
    this.cel = builder.build();
  }

  /** Parse and check only (for timing and for caching checked ASTs). */
  public dev.cel.common.CelAbstractSyntaxTree check(RuleSpec spec) throws CelValidationException {
    return cel.compile(source(spec)).getAst();
  }

  public CompiledRule compile(RuleSpec spec) {
    String source = source(spec);
    try {
      var ast = cel.compile(source).getAst();
      return new CompiledRule(spec, cel.createProgram(ast));
    } catch (CelValidationException e) {
      throw new BundleException("rule " + spec.name() + ": " + e.getMessage(), e);
    } catch (CelEvaluationException e) {
      throw new BundleException("rule " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  /** The failures expression inside one {@code cel.bind} per {@code let} entry, in order. */
  static String source(RuleSpec spec) {
    List<Map.Entry<String, String>> lets = new ArrayList<>(spec.let().entrySet());
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : lets) {
      b.append("cel.bind(").append(e.getKey()).append(", (").append(e.getValue()).append("),\n");
    }
    b.append("(").append(spec.failures()).append(")");
    b.append(")".repeat(lets.size()));
    return b.toString();
  }
}
