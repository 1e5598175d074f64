/**
 * Go's settings and the routing the go command applies to each module.
 *
 * <p>{@link io.github.goproxy4j.env.GoEnv} is an immutable snapshot of the settings, read with
 * the go command's precedence (process environment, then the user go env file, then
 * {@code $GOROOT/go.env}, then built-in defaults) and the behaviour of a chosen go release.
 * {@link io.github.goproxy4j.env.ProxyResolver} turns it into a
 * {@link io.github.goproxy4j.env.Route} per module: the proxies to ask in order (with {@code ,}
 * and {@code |} fallback), whether the module must come directly from version control
 * ({@code GONOPROXY}/{@code GOPRIVATE}), and which checksum database verifies it
 * ({@code GOSUMDB}/{@code GONOSUMDB}). {@link io.github.goproxy4j.env.ProxyWalk} runs Go's
 * per-request fallback over a route, and {@link io.github.goproxy4j.env.Transport} is the one
 * network operation the other modules fetch through.
 *
 * <pre>{@code
 * GoEnv env = GoEnv.fromSystem();
 * Route route = ProxyResolver.of(env).resolve("example.com/private/lib");
 * System.out.println(route.proxies());       // e.g. [direct] under GOPRIVATE=example.com/private
 * System.out.println(route.explain());       // which variable and pattern decided
 * env.warnings().forEach(System.out::println); // settings that will not do what you expect
 * }</pre>
 */
package io.github.goproxy4j.env;
