/**
 * Internal text helpers shared by the go.mod and zip code (Go quoting, UTF-8, semver on raw
 * strings). Not exported; not API.
 */
package io.github.goproxy4j.modfile.internal;
