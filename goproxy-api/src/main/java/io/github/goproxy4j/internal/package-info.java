/**
 * Internal helpers shared by the goproxy4j modules (Go's text rules, atomic file writes). Exported
 * only to the other goproxy4j modules; not API.
 */
package io.github.goproxy4j.internal;
