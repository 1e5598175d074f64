/**
 * goproxy4j client: the Go module proxy protocol on java.net.http, with Go's fallback rules,
 * verification and a module cache that the go command can share.
 */
// The qualified export names a module built later, which javac cannot see yet (lint "module").
@SuppressWarnings("module")
module io.github.goproxy4j.client {
  requires transitive io.github.goproxy4j.api;
  requires transitive io.github.goproxy4j.sumdb;
  requires java.net.http;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports io.github.goproxy4j.client;
  exports io.github.goproxy4j.client.internal.json to io.github.goproxy4j.cli;
  // ColdStart: the CLI starts the client's warm-up before it reads the environment
  exports io.github.goproxy4j.client.internal to io.github.goproxy4j.cli;
}
