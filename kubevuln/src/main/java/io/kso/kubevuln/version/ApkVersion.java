package io.kso.kubevuln.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Alpine's apk ordering of {@code digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}}, with the
 * newer apk-tools rules: a dotted component with a leading zero compares as a string (trailing
 * zeros stripped), and a {@code ~hash} commit marker sorts by its hex string.
 */
public final class ApkVersion implements VersionScheme {

  private static final List<String> SUFFIXES =
      List.of("alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p");
  private static final int FIRST_POST_SUFFIX = 4;

  enum Type {
    INITIAL_DIGIT,
    DIGIT,
    LETTER,
    SUFFIX,
    SUFFIX_NO,
    COMMIT_HASH,
    REVISION_NO,
    END,
    INVALID
  }

  record Token(Type type, String text, int suffix) {}

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int compare(String a, String b) {
    return compare(a, b, false);
  }

  /**
   * apk's {@code ~} operator: {@code a} equals {@code b} when {@code b}'s components are a prefix.
   */
  public boolean fuzzyEquals(String a, String b) {
    return compare(a, b, true) == 0;
  }

  @Override
  public boolean isValid(String version) {
    if (version == null) {
      return false;
    }
    List<Token> t = tokens(version);
    return t.get(t.size() - 1).type == Type.END;
  }

  int compare(String a, String b, boolean fuzzy) {
    List<Token> x = tokens(a);
    List<Token> y = tokens(b);
    int n = 0;
    while (true) {
      Token ta = x.get(Math.min(n, x.size() - 1));
      Token tb = y.get(Math.min(n, y.size() - 1));
      if (ta.type != tb.type) {
        return differentTypes(ta, tb, fuzzy);
      }
      if (ta.type == Type.END || ta.type == Type.INVALID) {
        return 0;
      }
      int c = value(ta, tb);
      if (c != 0) {
        return c;
      }
      n++;
    }
  }

  private static int differentTypes(Token ta, Token tb, boolean fuzzy) {
    if (fuzzy && tb.type == Type.END) {
      return 0;
    }
    if (ta.type == Type.SUFFIX && ta.suffix < FIRST_POST_SUFFIX) {
      return -1;
    }
    if (tb.type == Type.SUFFIX && tb.suffix < FIRST_POST_SUFFIX) {
      return 1;
    }
    return ta.type.compareTo(tb.type) > 0 ? -1 : 1;
  }

  private static int value(Token ta, Token tb) {
    return switch (ta.type) {
      case DIGIT -> {
        if (ta.text.startsWith("0") || tb.text.startsWith("0")) {
          yield Integer.signum(stripTrailingZeros(ta.text).compareTo(stripTrailingZeros(tb.text)));
        }
        yield numeric(ta.text, tb.text);
      }
      case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> numeric(ta.text, tb.text);
      case SUFFIX -> Integer.compare(ta.suffix, tb.suffix);
      default -> Integer.signum(ta.text.compareTo(tb.text));
    };
  }

  private static int numeric(String a, String b) {
    String x = RpmVersion.stripZeros(a);
    String y = RpmVersion.stripZeros(b);
    int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    return Integer.signum(c);
  }

  private static String stripTrailingZeros(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  static List<Token> tokens(String v) {
    var out = new ArrayList<Token>();
    var s = new Cursor(v == null ? "" : v);
    String first = s.digits();
    if (first.isEmpty()) {
      out.add(new Token(Type.INVALID, "", 0));
      return out;
    }
    out.add(new Token(Type.INITIAL_DIGIT, first, 0));
    while (s.peek() == '.' && Character.isDigit(s.peek(1))) {
      s.pos++;
      out.add(new Token(Type.DIGIT, s.digits(), 0));
    }
    if (s.peek() >= 'a' && s.peek() <= 'z') {
      out.add(new Token(Type.LETTER, String.valueOf(s.next()), 0));
    }
    while (s.peek() == '_') {
      s.pos++;
      int suffix = s.suffix();
      if (suffix < 0) {
        out.add(new Token(Type.INVALID, "", 0));
        return out;
      }
      out.add(new Token(Type.SUFFIX, SUFFIXES.get(suffix), suffix));
      String no = s.digits();
      if (!no.isEmpty()) {
        out.add(new Token(Type.SUFFIX_NO, no, 0));
      }
    }
    if (s.peek() == '~') {
      s.pos++;
      String hash = s.hex();
      if (hash.isEmpty()) {
        out.add(new Token(Type.INVALID, "", 0));
        return out;
      }
      out.add(new Token(Type.COMMIT_HASH, hash, 0));
    }
    if (s.peek() == '-' && s.peek(1) == 'r' && Character.isDigit(s.peek(2))) {
      s.pos += 2;
      out.add(new Token(Type.REVISION_NO, s.digits(), 0));
    }
    out.add(new Token(s.pos == v.length() ? Type.END : Type.INVALID, "", 0));
    return out;
  }

  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    char peek() {
      return peek(0);
    }

    char peek(int ahead) {
      return pos + ahead < s.length() ? s.charAt(pos + ahead) : 0;
    }

    char next() {
      return s.charAt(pos++);
    }

    String digits() {
      int start = pos;
      while (Character.isDigit(peek())) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String hex() {
      int start = pos;
      while (Character.isDigit(peek()) || (peek() >= 'a' && peek() <= 'f')) {
        pos++;
      }
      return s.substring(start, pos);
    }

    int suffix() {
      for (int i = 0; i < SUFFIXES.size(); i++) {
        String name = SUFFIXES.get(i);
        if (s.startsWith(name, pos)) {
          // "pre" is listed before "p", so "_pre1" is not read as "_p" + "re1".
          pos += name.length();
          return i;
        }
      }
      return -1;
    }
  }
}
