/**
 * goproxy4j testkit: a fake Go module proxy with an integrated fake checksum database, fault
 * injection, a JUnit 5 extension and a standalone server.
 */
module io.github.goproxy4j.testkit {
  requires transitive io.github.goproxy4j.api;
  requires transitive io.github.goproxy4j.sumdb;
  requires mockwebserver3;
  requires okhttp3;
  requires okhttp3.tls;
  requires static transitive org.junit.jupiter.api;

  exports io.github.goproxy4j.testkit;
  exports io.github.goproxy4j.testkit.junit5;
}
