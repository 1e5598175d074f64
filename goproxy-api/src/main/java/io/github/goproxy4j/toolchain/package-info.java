/**
 * Go toolchains as modules (Go 1.21 on): {@link io.github.goproxy4j.toolchain.GoToolchain} names
 * {@code golang.org/toolchain@v0.0.1-go1.X.Y.<goos>-<goarch>} for a
 * {@link io.github.goproxy4j.toolchain.Platform}, and
 * {@link io.github.goproxy4j.toolchain.ToolchainSelection} decides, as the go command does, which
 * toolchain GOTOOLCHAIN and the go.mod/go.work {@code go} and {@code toolchain} lines select.
 * Downloading and installing a toolchain is {@code GoProxyClient.installToolchain} in
 * goproxy-client.
 *
 * <pre>{@code
 * ToolchainSelection s = ToolchainSelection.select("auto", "go1.27.3", Path.of("go.mod"),
 *     "module m\ngo 1.28.1\n".getBytes(StandardCharsets.UTF_8));
 * s.toolchain();   // "go1.28.1"
 * }</pre>
 */
package io.github.goproxy4j.toolchain;
