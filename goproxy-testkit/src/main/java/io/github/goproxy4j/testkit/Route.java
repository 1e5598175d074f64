package io.github.goproxy4j.testkit;

import io.github.goproxy4j.module.ModulePath;
import io.github.goproxy4j.module.Version;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request target understood: the decoded path, the endpoint, the module path and version it
 * names (decoded), and an error text when it could not be decoded.
 *
 * @param path the percent-decoded path (or the raw target if it could not be decoded)
 * @param endpoint what it asks for
 * @param modulePath the decoded module path, or null
 * @param version the decoded version, or null
 * @param sumdbRest for sumdb endpoints, the part after {@code /sumdb/<name>/}
 * @param sumdbName for sumdb endpoints, the database name
 * @param badRequest a 400 text when the target is malformed, else null
 */
record Route(String path, Endpoint endpoint, String modulePath, String version, String sumdbRest,
    String sumdbName, String badRequest) {

  static Route parse(String target, String sumdbName) {
    String raw = target;
    int q = raw.indexOf('?');
    if (q >= 0) {
      raw = raw.substring(0, q);
    }
    if (!raw.startsWith("/")) {
      return new Route(target, Endpoint.OTHER, null, null, null, null,
          "bad request: request target must be a path: " + printable(target));
    }
    String path = percentDecode(raw);
    if (path == null) {
      return new Route(raw, Endpoint.OTHER, null, null, null, null,
          "bad request: invalid percent-encoding or UTF-8 in " + printable(raw));
    }
    if (path.startsWith("/sumdb/")) {
      return sumdb(path, sumdbName);
    }
    if (path.endsWith("/@latest")) {
      return module(path, Endpoint.LATEST, path.substring(1, path.length() - "/@latest".length()),
          null);
    }
    int at = path.lastIndexOf("/@v/");
    if (at > 0) {
      String escPath = path.substring(1, at);
      String file = path.substring(at + 4);
      if (file.equals("list")) {
        return module(path, Endpoint.LIST, escPath, null);
      }
      for (Endpoint e : new Endpoint[] {Endpoint.INFO, Endpoint.MOD, Endpoint.ZIP}) {
        String ext = "." + e.name().toLowerCase(java.util.Locale.ROOT);
        if (file.endsWith(ext) && file.length() > ext.length() && file.indexOf('/') < 0) {
          return module(path, e, escPath, file.substring(0, file.length() - ext.length()));
        }
      }
    }
    return new Route(path, Endpoint.OTHER, null, null, null, null, null);
  }

  private static Route module(String path, Endpoint e, String escPath, String escVersion) {
    String modulePath;
    try {
      modulePath = ModulePath.unescape(escPath).toString();
    } catch (IllegalArgumentException ex) {
      return new Route(path, e, null, null, null, null, "bad request: " + ex.getMessage());
    }
    String version = null;
    if (escVersion != null) {
      try {
        version = Version.unescape(escVersion);
      } catch (IllegalArgumentException ex) {
        return new Route(path, e, modulePath, null, null, null, "bad request: " + ex.getMessage());
      }
    }
    return new Route(path, e, modulePath, version, null, null, null);
  }

  private static Route sumdb(String path, String name) {
    String rest = path.substring("/sumdb/".length());
    if (name == null || !rest.startsWith(name + "/")) {
      Endpoint e = rest.endsWith("/supported") ? Endpoint.SUMDB_SUPPORTED : Endpoint.OTHER;
      return new Route(path, e, null, null, null, null, null);
    }
    String sub = rest.substring(name.length() + 1);
    if (sub.equals("supported")) {
      return new Route(path, Endpoint.SUMDB_SUPPORTED, null, null, sub, name, null);
    }
    if (sub.equals("latest")) {
      return new Route(path, Endpoint.SUMDB_LATEST, null, null, sub, name, null);
    }
    if (sub.startsWith("tile/")) {
      return new Route(path, Endpoint.SUMDB_TILE, null, null, sub, name, null);
    }
    if (sub.startsWith("lookup/")) {
      String mv = sub.substring("lookup/".length());
      int at = mv.indexOf('@');
      String modulePath = null;
      String version = null;
      if (at > 0) {
        try {
          modulePath = ModulePath.unescape(mv.substring(0, at)).toString();
          version = Version.unescape(mv.substring(at + 1));
        } catch (IllegalArgumentException e) {
          // the sumdb answers 400 below; the journal just has no module
        }
      }
      return new Route(path, Endpoint.SUMDB_LOOKUP, modulePath, version, sub, name, null);
    }
    return new Route(path, Endpoint.OTHER, null, null, sub, name, null);
  }

  /** Decodes %XX escapes as UTF-8; null if malformed. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%') {
        if (i + 2 >= in.length) {
          return null;
        }
        int hi = Character.digit(in[i + 1], 16);
        int lo = Character.digit(in[i + 2], 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Quotes a string for a message, escaping control characters and cutting it short. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder("\"");
    int n = 0;
    for (char c : s.toCharArray()) {
      if (n++ == 200) {
        sb.append("...");
        break;
      }
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
