package io.kso.kubescape.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.expr.CheckedExpr;
import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleFiles;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.bundle.RuleSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checked CEL syntax trees of the embedded bundle's rules, compiled when the jar is built (Maven's
 * process-classes phase runs {@link #main}) and stored as {@code CheckedExpr} protos in {@value
 * #RESOURCE}. Parsing and type-checking ~240 rules costs more CPU than a small scan; reading their
 * checked trees costs a tenth of it.
 *
 * <p>Each tree is keyed by the SHA-256 of the rule's CEL source and of the declarations it was
 * checked against, so a rule changed by a bundle layer, or an engine with other functions, is
 * compiled from its source instead.
 */
public final class CompiledRuleCache {
  static final String RESOURCE = "/compiled-rules.bin";
  private static final CompiledRuleCache EMBEDDED = load();

  /** Rule name to the key it was compiled for and the checked tree's bytes. */
  private final Map<String, Entry> entries;

  private record Entry(String key, byte[] checkedExpr) {}

  private CompiledRuleCache(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** The trees built into the jar; empty when it holds none (a build without process-classes). */
  public static CompiledRuleCache embedded() {
    return EMBEDDED;
  }

  public static CompiledRuleCache empty() {
    return new CompiledRuleCache(Map.of());
  }

  public int size() {
    return entries.size();
  }

  /** The checked tree of this rule, if it was compiled from exactly this source. */
  Optional<CelAbstractSyntaxTree> get(String rule, String source) {
    Entry e = entries.get(rule);
    if (e == null || !e.key().equals(key(source))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(e.checkedExpr()))
              .getAst());
    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
      return Optional.empty();
    }
  }

  /** Compiles every rule of a bundle directory into a cache file: {@code <bundle dir> <file>}. */
  public static void main(String[] args) throws IOException {
    Bundle bundle = BundleLoader.load(List.of(BundleFiles.path(Path.of(args[0]))));
    RuleCompiler compiler = new RuleCompiler(empty());
    Map<String, Entry> entries = new TreeMap<>();
    for (RuleSpec spec : bundle.rules().values()) {
      try {
        CelAbstractSyntaxTree ast = compiler.check(spec);
        byte[] bytes = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray();
        entries.put(spec.name(), new Entry(key(RuleCompiler.source(spec)), bytes));
      } catch (CelValidationException e) {
        // Left out: the scan compiles it from source and reports the error where it is used.
        System.err.println("rule " + spec.name() + " does not compile: " + e.getMessage());
      }
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      write(entries, os);
    }
  }

  private static void write(Map<String, Entry> entries, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
    out.writeInt(entries.size());
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue().key());
      out.writeInt(e.getValue().checkedExpr().length);
      out.write(e.getValue().checkedExpr());
    }
    out.flush();
  }

  private static CompiledRuleCache load() {
    try (InputStream in = CompiledRuleCache.class.getResourceAsStream(RESOURCE)) {
      return in == null ? empty() : read(in);
    } catch (IOException e) {
      return empty();
    }
  }

  static CompiledRuleCache read(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(is));
    Map<String, Entry> entries = new TreeMap<>();
    try {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        String key = in.readUTF();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        entries.put(name, new Entry(key, bytes));
      }
    } catch (EOFException e) {
      throw new IOException("truncated " + RESOURCE, e);
    }
    return new CompiledRuleCache(entries);
  }

  /** SHA-256 of the declarations rules are checked against and of the rule's source. */
  static String key(String source) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Declarations.FINGERPRINT.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a checked tree depends on besides its source: variables and helper functions. */
  private static final class Declarations {
    static final String FINGERPRINT =
        RuleCompiler.VARIABLES + " podPath\n" + RuleFunctions.declarations().toString();
  }
}
