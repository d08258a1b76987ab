package io.kso.kubescape.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.kso.common.concurrent.Daemons;
import io.kso.kubescape.bundle.BundleException;
import io.kso.kubescape.bundle.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Compiles rules to CEL programs, once per bundle. Rules of the embedded bundle come as checked
 * syntax trees from the {@link CompiledRuleCache}; the others are parsed and checked here (the
 * compiler is only built when one is needed).
 */
public final class RuleCompiler {
  /** Variables every rule may read (see docs/config-scanning.md). */
  static final List<String> VARIABLES =
      List.of("object", "objects", "podSpec", "podMeta", "containers", "inputs", "data");

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableTimestampEpoch(true)
          .enableHeterogeneousNumericComparisons(true)
          .build();

  private final CompiledRuleCache cache;
  private final CelRuntime runtime;
  private volatile CelCompiler compiler;

  public RuleCompiler() {
    this(CompiledRuleCache.embedded());
  }

  public RuleCompiler(CompiledRuleCache cache) {
    this.cache = cache;
    this.runtime =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(
                CelExtensions.optional(),
                CelExtensions.strings(),
                CelExtensions.comprehensions(),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.regex(),
                CelExtensions.math(OPTIONS))
            .addFunctionBindings(RuleFunctions.bindings())
            .build();
  }

  /**
   * Builds the CEL runtime (mostly class loading and protobuf descriptors, about 0.2 s) on a daemon
   * thread, so that it overlaps loading the bundle and reading the inputs; the supplier waits for
   * it.
   */
  public static Supplier<RuleCompiler> startInBackground() {
    FutureTask<RuleCompiler> task = new FutureTask<>(RuleCompiler::new);
    Daemons.start("rule-compiler", task);
    return () -> {
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building the CEL runtime", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    };
  }

  private CelCompiler compiler() {
    CelCompiler c = compiler;
    if (c == null) {
      synchronized (this) {
        if (compiler == null) {
          var builder =
              CelCompilerFactory.standardCelCompilerBuilder()
                  .setOptions(OPTIONS)
                  .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                  .addLibraries(
                      CelExtensions.optional(),
                      CelExtensions.strings(),
                      CelExtensions.comprehensions(),
                      CelExtensions.lists(),
                      CelExtensions.bindings(),
                      CelExtensions.sets(OPTIONS),
                      CelExtensions.regex(),
                      CelExtensions.math(OPTIONS))
                  .addFunctionDeclarations(RuleFunctions.declarations());
          for (String v : VARIABLES) {
            builder.addVar(v, SimpleType.DYN);
          }
          builder.addVar("podPath", SimpleType.STRING);
          compiler = builder.build();
        }
        c = compiler;
      }
    }
    return c;
  }

  /** Parse and check the rule's source (never from the cache). */
  public CelAbstractSyntaxTree check(RuleSpec spec) throws CelValidationException {
    return compiler().compile(source(spec)).getAst();
  }

  public CompiledRule compile(RuleSpec spec) {
    String source = source(spec);
    try {
      Optional<CelAbstractSyntaxTree> cached = cache.get(spec.name(), source);
      CelAbstractSyntaxTree ast = cached.isPresent() ? cached.get() : check(spec);
      return new CompiledRule(spec, runtime.createProgram(ast));
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
