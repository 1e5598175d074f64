/**
 * Go's small helpers, each once, in a class named after the Go package it mirrors:
 * {@link io.github.goproxy4j.internal.GoUtf8} (unicode/utf8), {@link
 * io.github.goproxy4j.internal.GoUnicode} (unicode), {@link io.github.goproxy4j.internal.GoStrings}
 * (strings), {@link io.github.goproxy4j.internal.GoQuote} (strconv quoting), {@link
 * io.github.goproxy4j.internal.GoPath} (path), {@link io.github.goproxy4j.internal.GoBase64}
 * (encoding/base64), {@link io.github.goproxy4j.internal.StatusText} (net/http status text),
 * {@link io.github.goproxy4j.internal.HttpError} (cmd/go/internal/web error text), plus atomic file
 * writes. Exported only to the other goproxy4j modules; not API.
 */
package io.github.goproxy4j.internal;
