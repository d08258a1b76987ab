package io.kso.kubescape.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.runtime.CelRuntime;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine carries a patched copy of cel-java's {@code DefaultInterpreter} (see
 * docs/config-scanning.md, "Performance"). It is written against one cel-java version: when the
 * version changes, this test fails so that the patch is redone on the new source.
 */
class CelRuntimeShadowTest {
  private static final String PATCHED_CEL_VERSION = "0.14.0";

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
    assertThat(CelEvalProbe.eval(expression)).isEqualTo(expected);
  }

  static Stream<String> differential() {
    return Stream.of(
        "[[1, 2], [3]].map(l, l.exists(x, x / 0 == 1) || true)",
        "[1, 2, 3].map(x, [x].exists(y, y / (x - 2) > 0) || x > 1)",
        "[1, 2, 3].all(x, x > 0) && [1, 2].exists_one(x, x == 2)",
        "{'a': 1, 'b': 2}.map(k, k + '!')",
        "[1, 2].transformList(i, v, i + v)",
        "{'a': 1}.transformMap(k, v, v + 1)",
        "cel.bind(a, [1, 2], a.map(x, cel.bind(b, x * 2, b + size(a))))",
        "[1, 2].map(x, x / 0)",
        "[0, 1].filter(x, x == 0 || 1 / x > 0)",
        "[1, 2, 3].map(o, ([0].exists(c, 1 / c > 0) || true) ? o + size([o].filter(z, z > 1)) : 0)",
        "[1, 2, 3].map(o, [0, o].filter(c, ([0].all(d, 1 / d > 0) || true) && c > 0))",
        "m.list.map(x, m.list.map(y, x * y)).exists(l, l.exists(v, v == 4))",
        "[1, 2, 3].map(x, x).map(x, x)",
        "[10].map(x, [1, 2].map(x, ([x - 1, x - 1].exists(c, 1 / c > 0) || true) ? x : 0) + [x])",
        "[10, 20].map(x, [1, 2, 3].filter(x, [x - 2].all(c, 1 / c > 0) || x > 0) + [x])",
        "m.?missing.orValue([]).all(x, x > 0) && m.list[1] == 2",
        "m.list.exists(x, x == 'a')",
        "'abc'.matches('^a') && 'abc'.indexOf('c') == 2");
  }

  @ParameterizedTest
  @MethodSource("differential")
  void evaluatesAsTheUnpatchedInterpreter(String expression) throws Exception {
    assertThat(CelEvalProbe.eval(expression)).isEqualTo(unpatched(expression));
  }

  /** The probe run in a class loader that has cel-java's classes but not the patched one. */
  private static String unpatched(String expression) throws Exception {
    return (String) unpatchedProbe().getMethod("eval", String.class).invoke(null, expression);
  }

  private static Class<?> unpatchedProbe;

  private static synchronized Class<?> unpatchedProbe() throws Exception {
    if (unpatchedProbe == null) {
      List<URL> urls = new ArrayList<>();
      for (String entry : classPath()) {
        if (!entry.replace('\\', '/').endsWith("target/classes")) {
          urls.add(Path.of(entry).toUri().toURL());
        }
      }
      ClassLoader loader =
          new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      assertThat(
              Class.forName("dev.cel.runtime.DefaultInterpreter", false, loader)
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toString())
          .contains(".jar");
      unpatchedProbe = Class.forName(CelEvalProbe.class.getName(), true, loader);
    }
    return unpatchedProbe;
  }

  private static List<String> classPath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(cp.split(File.pathSeparator));
  }

  @Test
  void reportsErrorsAsCelDoes() {
    assertThat(CelEvalProbe.eval("1 / m.zero")).startsWith("error: ").contains("/ by zero");
    assertThat(CelEvalProbe.eval("m.missing == 1")).startsWith("error: ").contains("missing");
    assertThat(CelEvalProbe.eval("dyn(m.a) + 'x' == 'y'"))
        .startsWith("error: ")
        .contains("No matching overload");
  }
}
