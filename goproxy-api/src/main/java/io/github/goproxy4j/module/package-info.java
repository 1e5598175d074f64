/**
 * Go module paths, versions, pseudo-versions and path patterns, with exactly the rules of golang.org/x/mod.
 */
package io.github.goproxy4j.module;
