/**
 * goproxy4j checksums: h1 hashes, go.sum files, signed notes, Merkle tiles and the checksum-database
 * client.
 */
module io.github.goproxy4j.sumdb {
  requires transitive io.github.goproxy4j.api;
  requires org.slf4j;

  exports io.github.goproxy4j.sumdb;
  exports io.github.goproxy4j.sumdb.note;
  exports io.github.goproxy4j.sumdb.tlog;
}
