/**
 * A fake Go module proxy and checksum database for tests.
 */
package io.github.goproxy4j.testkit;
