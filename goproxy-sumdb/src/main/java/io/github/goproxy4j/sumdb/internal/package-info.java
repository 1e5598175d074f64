/**
 * Internal helpers of goproxy-sumdb (not exported): Ed25519 verification.
 */
package io.github.goproxy4j.sumdb.internal;
