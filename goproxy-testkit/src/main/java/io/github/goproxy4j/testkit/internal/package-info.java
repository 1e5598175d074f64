/**
 * Internals of the testkit (not exported): the standalone server's entry point.
 */
package io.github.goproxy4j.testkit.internal;
