/**
 * Go's settings (GoEnv) and the proxy routing the go command applies to each module (ProxyResolver).
 */
package io.github.goproxy4j.env;
