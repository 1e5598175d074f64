/**
 * goproxy4j testkit: a fake Go module proxy with an integrated fake checksum database, fault
 * injection, a JUnit 5 extension and a standalone server.
 */
module io.github.goproxy4j.testkit {
  requires transitive io.github.goproxy4j.api;
  requires transitive io.github.goproxy4j.sumdb;
  requires mockwebserver3;
  requires static org.junit.jupiter.api;

}
