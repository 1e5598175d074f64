/**
 * Internal helpers of goproxy-sumdb (not exported): Go's base64, whitespace and text rules.
 */
package io.github.goproxy4j.sumdb.internal;
