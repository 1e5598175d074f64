/**
 * goproxy4j API: the Go module model, go.mod and module-zip rules, Go settings and proxy routing.
 * Depends on nothing but the JDK.
 */
// The qualified export names modules built later, which javac cannot see yet (lint "module").
@SuppressWarnings("module")
module io.github.goproxy4j.api {
  exports io.github.goproxy4j.module;
  exports io.github.goproxy4j.env;
  exports io.github.goproxy4j.modfile;
  exports io.github.goproxy4j.zip;
  exports io.github.goproxy4j.mvs;
  exports io.github.goproxy4j.toolchain;
  exports io.github.goproxy4j.internal to io.github.goproxy4j.sumdb, io.github.goproxy4j.client, io.github.goproxy4j.testkit;
}
