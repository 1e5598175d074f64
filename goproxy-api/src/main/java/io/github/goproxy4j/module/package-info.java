/**
 * Go module paths, versions, pseudo-versions and path patterns, with exactly the rules of
 * golang.org/x/mod ({@code module} and {@code semver}, v0.7.0), error texts included.
 *
 * <pre>{@code
 * ModuleVersion mv = ModuleVersion.parse("github.com/Azure/go-autorest@v14.2.0+incompatible");
 * String url = mv.escapedPath() + "/@v/" + mv.escapedVersion() + ".info";
 *     // github.com/!azure/go-autorest/@v/v14.2.0+incompatible.info
 * Version.parse("v1.2").compareTo(Version.parse("v1.2.0"));   // 0, though not equal
 * PseudoVersion.parse("v0.0.0-20191109021931-daa7c04131f5").time();
 * }</pre>
 *
 * <p>All types are immutable values with static factories. Bad input never causes a
 * {@code NullPointerException} or an index error: parsers throw
 * {@link io.github.goproxy4j.module.InvalidModulePathException} or
 * {@link io.github.goproxy4j.module.InvalidVersionException} with x/mod's message. A Java string
 * stands for its UTF-8 encoding; a lone surrogate, which has none, counts as invalid UTF-8 (and
 * is quoted in messages as its WTF-8 bytes, {@code \xed\xa0\x80}).
 */
package io.github.goproxy4j.module;
