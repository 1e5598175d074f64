package io.github.goproxy4j.sumdb;

import io.github.goproxy4j.module.ModuleVersion;
import java.util.List;
import java.util.Objects;

/**
 * What the checksum database says about one module version, after verification: the {@code h1:}
 * hashes of its zip and of its go.mod, the record's position in the log and the size of the
 * signed tree it was proven against.
 *
 * <pre>{@code
 * SumdbLookup found = db.lookup(ModuleVersion.of("rsc.io/quote", "v1.5.2"));
 * found.zipHash();    // h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=
 * found.goModHash();  // h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=
 * }</pre>
 *
 * @param module the module version looked up
 * @param zipHash the hash of the module zip, from the {@code <path> <version> h1:...} line
 * @param goModHash the hash of the go.mod, from the {@code <path> <version>/go.mod h1:...} line
 * @param recordId the record's index in the log
 * @param treeSize the size of the signed tree the record was proven to be in
 * @param lines every line of the record about this module version (go.sum lines, without
 *     newlines), in the database's order; other hash algorithms than {@code h1:} may appear
 */
public record SumdbLookup(ModuleVersion module, ModuleHash zipHash, ModuleHash goModHash,
    long recordId, long treeSize, List<String> lines) {

  /**
   * Validates and copies the components.
   *
   * @param module the module version
   * @param zipHash the zip hash
   * @param goModHash the go.mod hash
   * @param recordId the record index, at least 0
   * @param treeSize the tree size, greater than the record index
   * @param lines the record's lines about this module version
   */
  public SumdbLookup {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(zipHash, "zipHash");
    Objects.requireNonNull(goModHash, "goModHash");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    if (recordId < 0 || recordId >= treeSize) {
      throw new IllegalArgumentException("record " + recordId + " is not in a tree of size " + treeSize);
    }
  }
}
