/**
 * The {@code goproxy} command-line tool. An application, not a library: it exports nothing and
 * runs from its self-contained jar on the class path ({@code java -jar goproxy.jar}).
 */
module io.github.goproxy4j.cli {
  requires io.github.goproxy4j.client;
  requires io.github.goproxy4j.testkit;
  requires com.fasterxml.jackson.core;
}
