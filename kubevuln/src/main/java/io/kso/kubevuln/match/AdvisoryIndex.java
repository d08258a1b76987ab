package io.kso.kubevuln.match;

import io.kso.kubevuln.osv.OsvRecord;
import java.util.List;

/** Port: the vulnerability records that name a package. Implemented by the on-disk store. */
public interface AdvisoryIndex {

  /**
   * Records with an {@code affected} entry for {@code name} in {@code ecosystem} or in an ecosystem
   * that extends it ({@code Ubuntu:22.04} also finds {@code Ubuntu:22.04:LTS}). Each record keeps
   * only those entries. Names compare as {@link PackageNames#key} makes them.
   */
  List<OsvRecord> affecting(String ecosystem, String name);
}
