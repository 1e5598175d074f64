/**
 * goproxy4j client: the Go module proxy protocol on java.net.http, with Go's fallback rules,
 * verification and a module cache that the go command can share.
 */
module io.github.goproxy4j.client {
  requires transitive io.github.goproxy4j.api;
  requires transitive io.github.goproxy4j.sumdb;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.goproxy4j.client;
}
