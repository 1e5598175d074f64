/**
 * The Go module proxy protocol client.
 */
package io.github.goproxy4j.client;
