/**
 * go.mod parsing with the rules the go command applies to a dependency's go.mod
 * (golang.org/x/mod/modfile, lax mode): module path and deprecation, go version, requirements and
 * retractions. Entry point: {@link io.github.goproxy4j.modfile.GoModFile}.
 */
package io.github.goproxy4j.modfile;
