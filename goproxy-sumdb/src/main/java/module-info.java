/**
 * goproxy4j checksums: h1 hashes, go.sum files, signed notes, Merkle tiles and the checksum-database
 * client.
 */
// The qualified export names a module built later, which javac cannot see yet (lint "module").
@SuppressWarnings("module")
module io.github.goproxy4j.sumdb {
  requires transitive io.github.goproxy4j.api;
  requires org.slf4j;
  requires com.sun.jna;

  exports io.github.goproxy4j.sumdb;
  exports io.github.goproxy4j.sumdb.note;
  exports io.github.goproxy4j.sumdb.tlog;
  exports io.github.goproxy4j.sumdb.internal to io.github.goproxy4j.client, io.github.goproxy4j.cli;
}
