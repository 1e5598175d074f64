/**
 * h1 module hashes, go.sum files and the checksum-database client.
 */
package io.github.goproxy4j.sumdb;
