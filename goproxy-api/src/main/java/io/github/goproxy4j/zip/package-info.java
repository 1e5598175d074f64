/**
 * Module zip files with the rules of golang.org/x/mod/zip: check, safe extraction, creation.
 * Entry point: {@link io.github.goproxy4j.zip.ModuleZip}.
 */
package io.github.goproxy4j.zip;
