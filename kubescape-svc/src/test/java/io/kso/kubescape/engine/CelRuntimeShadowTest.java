package io.kso.kubescape.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubescape-svc carries a patched copy of cel-java's {@code DefaultInterpreter} (see
 * docs/config-scanning.md, "Performance"). It is written against one cel-java version: when the
 * version changes, this test fails so that the patch is redone on the new source.
 */
class CelRuntimeShadowTest {
  private static final String PATCHED_CEL_VERSION = "0.14.0";
  private static final CelOptions OPTIONS = CelOptions.current().build();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.optional(), CelExtensions.strings())
          .addVar("m", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.optional(), CelExtensions.strings())
          .build();

  @Test
  void thePatchedInterpreterIsTheOneLoadedAndMatchesTheCelVersion() throws Exception {
    Class<?> patched = Class.forName("dev.cel.runtime.DefaultInterpreter");
    String patchedFrom = patched.getProtectionDomain().getCodeSource().getLocation().toString();
    String library =
        CelRuntime.class.getProtectionDomain().getCodeSource().getLocation().toString();

    assertThat(patchedFrom).doesNotContain("dev/cel");
    assertThat(library)
        .as("cel-java was upgraded: redo the patch of dev/cel/runtime/DefaultInterpreter.java")
        .contains("-" + PATCHED_CEL_VERSION + ".jar");
  }

  static Stream<Arguments> expressions() {
    return Stream.of(
        Arguments.of("'abc'.startsWith('a') && size('abc') == 3", "true"),
        Arguments.of("[1, ?optional.none(), 2, ?optional.of(3)]", "[1, 2, 3]"),
        Arguments.of("m.?a.orValue(0) + m.?b.orValue(5)", "6"),
        Arguments.of("[1, 2, 3].filter(x, x > 1).map(x, x * 2)", "[4, 6]"),
        Arguments.of("'a,b'.split(',').exists(s, s == 'b') ? 'yes' : 'no'", "yes"),
        Arguments.of("1 / 0 == 1 || true", "true"),
        Arguments.of("{'k': [m.a]}.k[0]", "1"));
  }

  @ParameterizedTest
  @MethodSource("expressions")
  void evaluatesAsCelDoes(String expression, String expected) throws Exception {
    assertThat(String.valueOf(eval(expression))).isEqualTo(expected);
  }

  @Test
  void reportsErrorsAsCelDoes() {
    assertThatThrownBy(() -> eval("1 / m.zero")).hasMessageContaining("/ by zero");
    assertThatThrownBy(() -> eval("m.missing == 1")).hasMessageContaining("missing");
    assertThatThrownBy(() -> eval("dyn(m.a) + 'x' == 'y'"))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("No matching overload");
  }

  private static Object eval(String expression) throws Exception {
    CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
    return RUNTIME
        .createProgram(ast)
        .eval(Map.of("m", Map.of("a", 1L, "zero", 0L, "list", List.of())));
  }
}
