/**
 * goproxy4j API: the Go module model, go.mod and module-zip rules, Go settings and proxy routing.
 * Depends on nothing but the JDK.
 */
module io.github.goproxy4j.api {
  exports io.github.goproxy4j.module;
  exports io.github.goproxy4j.env;
  exports io.github.goproxy4j.modfile;
  exports io.github.goproxy4j.zip;
}
