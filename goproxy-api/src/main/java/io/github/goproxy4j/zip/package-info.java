/**
 * Module zip files with the rules of golang.org/x/mod/zip: checking a zip served for a module
 * version (prefix, file names, case-fold collisions, size limits, vendor and submodule rules),
 * safe streaming extraction that never writes outside its target, and creation of zips that
 * the go command accepts.
 *
 * <pre>{@code
 * ModuleVersion mv = ModuleVersion.parse("example.com/m@v1.0.0");
 * ModuleZip.check(mv, Path.of("v1.0.0.zip"));                  // InvalidModuleZipException
 * ModuleZip.unzip(mv, Path.of("v1.0.0.zip"), Path.of("out"));  // whole or not at all
 * }</pre>
 */
package io.github.goproxy4j.zip;
