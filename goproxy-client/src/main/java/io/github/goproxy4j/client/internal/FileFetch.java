package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code file://} URLs as the go command serves them (cmd/go/internal/web getFile): the host must
 * be empty or {@code localhost} and the path absolute; a missing file is a 404 with an empty
 * body, an unreadable one a 403, other failures (such as a path through a regular file) are
 * errors, and anything else is streamed from disk with status 200.
 */
final class FileFetch {
  private FileFetch() {}

  static Transport.Response get(URI uri) throws IOException {
    Path path = toPath(uri);
    if (Files.isDirectory(path)) {
      return Transport.Response.of(200, Map.of(), new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("read " + path + ": is a directory");
        }
      });
    }
    try {
      InputStream in = Files.newInputStream(path);
      return Transport.Response.of(
          200, Map.of("Content-Length", List.of(Long.toString(Files.size(path)))), in);
    } catch (NoSuchFileException e) {
      return Transport.Response.of(404, Map.of(), new ByteArrayInputStream(new byte[0]));
    } catch (AccessDeniedException e) {
      return Transport.Response.of(403, Map.of(), new ByteArrayInputStream(new byte[0]));
    } catch (FileSystemException e) {
      // Go: only ENOENT is "not exist"; ENOTDIR and the rest are errors
      String reason = e.getReason() == null ? "error" : e.getReason().toLowerCase(Locale.ROOT);
      throw new GoProxyException("open " + path + ": " + reason, e);
    }
  }

  static Path toPath(URI uri) throws GoProxyException {
    String host = uri.getRawAuthority();
    String path = uri.getPath();
    if (path == null || path.isEmpty()) {
      throw new GoProxyException("file URL missing path");
    }
    if (host != null && !host.isEmpty() && !host.equals("localhost")) {
      throw new GoProxyException("file URL specifies non-local host");
    }
    if (!path.startsWith("/")) {
      throw new GoProxyException("path is not absolute");
    }
    try {
      Path p = Path.of(new URI("file", null, path, null));
      if (!p.isAbsolute()) {
        throw new GoProxyException("path is not absolute");
      }
      return p;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new GoProxyException("path is not absolute", e);
    }
  }
}
