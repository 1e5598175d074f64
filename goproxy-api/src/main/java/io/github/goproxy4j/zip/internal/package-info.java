/**
 * The zip internals shared by goproxy4j's modules (exported only to them, not API): the one zip
 * reader ({@link io.github.goproxy4j.zip.internal.GoZipReader}, Go's archive/zip), x/mod's
 * CheckZip rules ({@link io.github.goproxy4j.zip.internal.ZipCheck}), dirhash
 * ({@link io.github.goproxy4j.zip.internal.DirHash}) and the cache writer's one pass
 * ({@link io.github.goproxy4j.zip.internal.UnzipPass}).
 */
package io.github.goproxy4j.zip.internal;
