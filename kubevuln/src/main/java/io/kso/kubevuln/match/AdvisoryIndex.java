package io.kso.kubevuln.match;

import io.kso.kubevuln.osv.OsvRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Port: the vulnerability records that name a package. Implemented by the on-disk store. */
public interface AdvisoryIndex {

  /**
   * Records with an {@code affected} entry for {@code name} in {@code ecosystem} or in an ecosystem
   * that extends it ({@code Ubuntu:22.04} also finds {@code Ubuntu:22.04:LTS}). Each record keeps
   * only those entries. Names compare as {@link PackageNames#key} makes them.
   */
  List<OsvRecord> affecting(String ecosystem, String name);

  /**
   * {@link #affecting} for many packages at once, keyed as asked; a store answers this in a few
   * queries instead of one per package.
   */
  default Map<Lookup, List<OsvRecord>> affectingAll(Collection<Lookup> lookups) {
    var out = new HashMap<Lookup, List<OsvRecord>>();
    for (Lookup l : lookups) {
      out.put(l, affecting(l.ecosystem(), l.name()));
    }
    return out;
  }

  /** One package name in one ecosystem. */
  record Lookup(String ecosystem, String name) {}
}
