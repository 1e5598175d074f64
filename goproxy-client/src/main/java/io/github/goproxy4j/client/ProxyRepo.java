package io.github.goproxy4j.client;

import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.NotFoundException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.internal.GoPath;
import io.github.goproxy4j.internal.Redaction;
import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.module.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One module on one proxy ({@code proxyRepo} in go): builds the request URLs, applies Go's
 * status rules and error texts, and parses the answers.
 */
final class ProxyRepo implements Repo {
  /** codehost.MaxZipFile: 500 MiB. */
  static final long MAX_ZIP = 500L << 20;
  /** Our bound on list, .info and .mod bodies (go has none): a deliberate safety limit. */
  static final long MAX_SMALL_BODY = 32L << 20;

  private final Transport transport;
  private final URI base;
  private final String redactedBase;
  /** go1.22+: a body read error names the request URL; before, path.Join(base URL, rel). */
  private final boolean readErrorNamesRequest;
  /** The go release whose decoding of .info bodies ({@link InfoJson}) reports errors. */
  private final int goMinor;
  private final ModulePath path;
  private final long maxZip;

  ProxyRepo(Transport transport, ProxyEntry.Url entry, ModulePath path, long maxZip, int goMinor) {
    this.transport = transport;
    this.readErrorNamesRequest = goMinor >= 22;
    this.goMinor = goMinor;
    this.maxZip = maxZip;
    this.base = entry.uri();
    this.redactedBase = entry.redacted();
    this.path = path;
  }

  // ------------------------------------------------------------ URLs

  /** The request URL for a path relative to the module ({@code @v/list}, {@code @latest}). */
  URI url(String rel) {
    String basePath = base.getPath() == null ? "" : base.getPath();
    String full = GoPath.clean(trimSlash(basePath) + "/" + path.escaped() + "/" + rel);
    StringBuilder b = new StringBuilder();
    b.append(base.getScheme()).append(':');
    if (base.getRawAuthority() != null) {
      b.append("//").append(base.getRawAuthority());
    } else if ("file".equals(base.getScheme())) {
      b.append("//");
    }
    b.append(escapePath(full));
    if (base.getRawQuery() != null) {
      b.append('?').append(base.getRawQuery());
    }
    return URI.create(b.toString());
  }


  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }


  /** Go's path.Join of a URL string and a relative path (it collapses {@code //}). */
  static String pathJoin(String a, String b) {
    return GoPath.clean(a.isEmpty() ? b : a + "/" + b);
  }

  /** Go's url escaping of a path: everything but unreserved and {@code $&+:=@/} (so {@code !} is %21). */
  static String escapePath(String p) {
    byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-_.~$&+:=@/".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------ raw GET

  /** A non-200 answer or a transport failure, before the module prefix is added. */
  private GoProxyException httpError(URI u, Transport.Response r) {
    String msg = HttpStatus.message(Redaction.redacted(u), r);
    return HttpStatus.isNotFound(r.status())
        ? new NotFoundException(msg, null, List.of(attempt(u, r.status(), HttpStatus.line(r.status()))))
        : new GoProxyException(msg, null, List.of(attempt(u, r.status(), HttpStatus.line(r.status()))));
  }

  private GoProxyException.Attempt attempt(URI u, int status, String outcome) {
    return new GoProxyException.Attempt(Redaction.redacted(u), status, outcome);
  }

  private Transport.Response open(String rel) throws GoProxyException {
    URI u = url(rel);
    Transport.Response r;
    try {
      r = transport.get(u, Map.of());
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw new GoProxyException(String.valueOf(e.getMessage()), e,
          List.of(attempt(u, 0, String.valueOf(e.getMessage()))));
    }
    if (r.status() != 200) {
      try (r) {
        throw httpError(u, r);
      } catch (IOException e) {
        if (e instanceof GoProxyException) {
          throw (GoProxyException) e;
        }
        throw new GoProxyException(String.valueOf(e.getMessage()), e);
      }
    }
    return r;
  }

  private GoProxyException readError(String rel, IOException e) {
    String url = readErrorNamesRequest ? Redaction.redacted(url(rel)) : pathJoin(redactedBase, rel);
    String msg = "read " + InfoJson.goQuote(url) + ": "
        + (e.getMessage() == null ? "unexpected EOF" : e.getMessage());
    return new GoProxyException(msg, e, List.of(attempt(url(rel), 200, msg)));
  }

  byte[] getBytes(String rel) throws GoProxyException {
    try (Transport.Response r = open(rel)) {
      InputStream in = r.body();
      // sized by Content-Length when the response has one (only a hint: the body is read to its
      // end either way, bounded by MAX_SMALL_BODY): most bodies here are go.mod files of a few
      // hundred bytes, for which an 8 KiB read buffer plus a growing copy was most of the
      // allocation of a module graph load
      byte[] buf = new byte[initialBodyBuffer(r)];
      int len = 0;
      while (true) {
        if (len == buf.length) {
          int b = in.read(); // at the hinted length: is that the end?
          if (b < 0) {
            return buf;
          }
          if (len + 1L > MAX_SMALL_BODY) {
            throw tooLarge(rel);
          }
          buf = java.util.Arrays.copyOf(buf, (int) Math.min(MAX_SMALL_BODY + 1, Math.max(2L * len, 8192)));
          buf[len++] = (byte) b;
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
          return java.util.Arrays.copyOf(buf, len);
        }
        len += n;
        if (len > MAX_SMALL_BODY) {
          throw tooLarge(rel);
        }
      }
    } catch (GoProxyException e) {
      throw e;
    } catch (IOException e) {
      throw readError(rel, e);
    }
  }

  private GoProxyException tooLarge(String rel) {
    return new GoProxyException("reading " + Redaction.redacted(url(rel)) + ": response body larger than "
        + MAX_SMALL_BODY + " bytes");
  }

  /** The Content-Length of a response when it is a plausible small body, else 8 KiB; at least 1. */
  private static int initialBodyBuffer(Transport.Response r) {
    Optional<String> cl = r.header("Content-Length");
    if (cl.isPresent()) {
      String v = cl.get().trim();
      int n = 0;
      for (int i = 0; i < v.length() && n >= 0; i++) {
        char c = v.charAt(i);
        n = c >= '0' && c <= '9' && i < 9 ? n * 10 + (c - '0') : -1;
      }
      if (n >= 1 && n <= MAX_SMALL_BODY) {
        return n;
      }
    }
    return 8192;
  }

  // ------------------------------------------------------------ protocol operations

  /**
   * Go's versionError: {@code path@version: err} (with {@code invalid version:} for a version
   * the proxy protocol cannot name) or {@code module path: err}.
   */
  GoProxyException versionError(String version, GoProxyException e) {
    String prefix;
    if (!version.isEmpty() && !isCanonical(version)) {
      boolean pseudo = Version.isValid(version) && Version.parse(version).isPseudo();
      prefix = path + "@" + version + ": invalid " + (pseudo ? "pseudo-version" : "version") + ": ";
    } else if (!version.isEmpty()) {
      prefix = path + "@" + version + ": ";
    } else {
      prefix = "module " + path + ": ";
    }
    String msg = prefix + e.getMessage();
    return e instanceof NotFoundException
        ? new NotFoundException(msg, e.getCause(), e.attempts())
        : new GoProxyException(msg, e.getCause(), e.attempts());
  }

  private GoProxyException versionError(String version, String message) {
    return versionError(version, new GoProxyException(message));
  }

  static boolean isCanonical(String v) {
    return Version.isValid(v) && Version.parse(v).isCanonical();
  }

  @Override
  public VersionList.ListResult versions() throws GoProxyException {
    byte[] data;
    try {
      data = getBytes("@v/list");
    } catch (GoProxyException e) {
      throw versionError("", e);
    }
    return VersionList.parse(new String(data, StandardCharsets.UTF_8));
  }

  @Override
  public VersionInfo stat(String rev) throws GoProxyException {
    String enc;
    try {
      enc = Version.escape(rev);
    } catch (IllegalArgumentException e) {
      throw versionError(rev, "version " + InfoJson.goQuote(rev) + " invalid: disallowed version string");
    }
    byte[] data;
    try {
      data = getBytes("@v/" + enc + ".info");
    } catch (GoProxyException e) {
      throw versionError(rev, e);
    }
    VersionInfo info;
    try {
      info = InfoJson.parse(data, goMinor);
    } catch (InfoJson.MalformedInfoException e) {
      throw versionError(rev, "invalid response from proxy " + InfoJson.goQuote(redactedBase)
          + ": " + e.getMessage());
    }
    if (!info.version().equals(rev) && isCanonical(rev) && checks(rev)) {
      throw versionError(rev, "proxy returned info for version " + info.version()
          + " instead of requested version");
    }
    return info;
  }

  private boolean checks(String rev) {
    try {
      ModuleVersion.of(path, Version.parse(rev));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code @latest}; empty on 404/410, where go falls back to the list. */
  @Override
  public Optional<VersionInfo> latest() throws GoProxyException {
    byte[] data;
    try {
      data = getBytes("@latest");
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (GoProxyException e) {
      throw versionError("", e);
    }
    try {
      return Optional.of(InfoJson.parse(data, goMinor));
    } catch (InfoJson.MalformedInfoException e) {
      throw versionError("", "invalid response from proxy " + InfoJson.goQuote(redactedBase)
          + ": " + e.getMessage());
    }
  }

  @Override
  public byte[] goMod(String version) throws GoProxyException {
    if (!isCanonical(version)) {
      throw versionError(version, "internal error: version passed to GoMod is not canonical");
    }
    try {
      return getBytes("@v/" + Version.escape(version) + ".mod");
    } catch (GoProxyException e) {
      throw versionError(version, e);
    }
  }

  /** Streams the zip into {@code target} (truncated first) with go's 500 MiB limit. */
  @Override
  public void zip(String version, Path target, Received received) throws GoProxyException {
    if (!isCanonical(version)) {
      throw versionError(version, "internal error: version passed to Zip is not canonical");
    }
    String rel = "@v/" + Version.escape(version) + ".zip";
    Transport.Response r;
    try {
      r = open(rel);
    } catch (GoProxyException e) {
      throw versionError(version, e);
    }
    long total = r.header("Content-Length").map(ProxyRepo::parseLongOr).orElse(-1L);
    long n = 0;
    try (r; OutputStream dst = Files.newOutputStream(target, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      InputStream in = r.body();
      byte[] buf = new byte[1 << 16];
      int k;
      while ((k = read(in, buf, version, rel)) > 0) {
        long room = maxZip + 1 - n;
        int w = (int) Math.min(k, room);
        dst.write(buf, 0, w);
        n += w;
        received.bytes(n, total);
        if (n > maxZip) {
          throw versionError(version, "downloaded zip file too large");
        }
      }
    } catch (GoProxyException e) {
      throw e; // names the module already
    } catch (IOException e) {
      // the temporary file could not be written
      throw versionError(version, new GoProxyException(String.valueOf(e.getMessage()), e));
    }
  }

  private int read(InputStream in, byte[] buf, String version, String rel)
      throws GoProxyException {
    try {
      return in.read(buf);
    } catch (IOException e) {
      throw versionError(version, readError(rel, e));
    }
  }

  private static long parseLongOr(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1L;
    }
  }
}
