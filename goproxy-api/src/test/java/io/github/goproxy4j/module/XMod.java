package io.github.goproxy4j.module;

import io.github.goproxy4j.internal.GoQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: answers the questions of {@code tools/xmod-vectors} with the Java
 * implementation, formatted exactly like that Go program prints x/mod's answers, and reads
 * Go-quoted strings (with lone surrogates standing for invalid UTF-8, as WTF-8).
 */
final class XMod {
  private XMod() {}

  /**
   * The Java class answering each x/mod function the Go program knows (its simple name); each
   * class's {@code <Class>XModTest} checks those functions.
   *
   * @throws IllegalArgumentException for a function this table does not know
   */
  static String javaClass(String func) {
    switch (func) {
      case "CheckPath":
      case "CheckImportPath":
      case "CheckFilePath":
      case "EscapePath":
      case "UnescapePath":
        return "ModulePath";
      case "SplitPathVersion":
      case "CheckPathMajor":
        return "PathRules";
      case "Check":
        return "ModuleVersion";
      case "EscapeVersion":
      case "UnescapeVersion":
      case "CanonicalVersion":
      case "IsValid":
      case "Canonical":
      case "Major":
      case "MajorMinor":
      case "Prerelease":
      case "Build":
      case "Compare":
        return "Version";
      case "IsPseudoVersion":
      case "PseudoVersionBase":
      case "PseudoVersionTime":
      case "PseudoVersionRev":
      case "PseudoVersion":
        return "PseudoVersion";
      default:
        throw new IllegalArgumentException("no Java class for x/mod function " + func);
    }
  }

  /** The arity of each function the Go program knows. */
  static int arity(String func) {
    switch (func) {
      case "CheckPathMajor":
      case "Check":
      case "Compare":
        return 2;
      case "PseudoVersion":
        return 4;
      default:
        return 1;
    }
  }

  /** Java's answer to {@code func(args)}, in the Go program's output format. */
  static String call(String func, String[] a) {
    switch (func) {
      case "CheckPath":
        try {
          ModulePath.parse(a[0]);
          return "ok";
        } catch (InvalidModulePathException e) {
          return error(e);
        }
      case "CheckImportPath":
        try {
          ModulePath.checkImportPath(a[0]);
          return "ok";
        } catch (InvalidModulePathException e) {
          return error(e);
        }
      case "CheckFilePath":
        try {
          ModulePath.checkFilePath(a[0]);
          return "ok";
        } catch (InvalidModulePathException e) {
          return error(e);
        }
      case "EscapePath":
        try {
          return q(ModulePath.escape(a[0]));
        } catch (InvalidModulePathException e) {
          return error(e);
        }
      case "UnescapePath":
        try {
          return q(ModulePath.unescape(a[0]).toString());
        } catch (InvalidModulePathException e) {
          return error(e);
        }
      case "EscapeVersion":
        try {
          return q(Version.escape(a[0]));
        } catch (InvalidVersionException e) {
          return error(e);
        }
      case "UnescapeVersion":
        try {
          return q(Version.unescape(a[0]));
        } catch (InvalidVersionException e) {
          return error(e);
        }
      case "SplitPathVersion":
        {
          int p = PathRules.splitPathVersion(a[0]);
          if (p < 0) {
            return q(a[0]) + "\t\"\"\tfalse";
          }
          return q(a[0].substring(0, p)) + "\t" + q(a[0].substring(p)) + "\ttrue";
        }
      case "CheckPathMajor":
        {
          String r = PathRules.checkPathMajorReason(a[0], a[1]);
          return r == null ? "ok" : "error\t" + q(PathRules.invalidVersion(a[0], r));
        }
      case "Check":
        try {
          ModuleVersion.of(a[0], a[1]);
          return "ok";
        } catch (InvalidModulePathException | InvalidVersionException e) {
          return error(e);
        }
      case "CanonicalVersion":
        return q(Version.isValid(a[0]) ? Version.parse(a[0]).canonical().toString() : "");
      case "IsValid":
        return Boolean.toString(Version.isValid(a[0]));
      case "Canonical":
        return q(Version.isValid(a[0]) ? Version.parse(a[0]).semverCanonical() : "");
      case "Major":
        return q(Version.isValid(a[0]) ? Version.parse(a[0]).major() : "");
      case "MajorMinor":
        return q(Version.isValid(a[0]) ? Version.parse(a[0]).majorMinor() : "");
      case "Prerelease":
        return q(Version.isValid(a[0]) ? Version.parse(a[0]).prerelease() : "");
      case "Build":
        return q(Version.isValid(a[0]) ? Version.parse(a[0]).build() : "");
      case "Compare":
        return Integer.toString(Version.compare(a[0], a[1]));
      case "IsPseudoVersion":
        return Boolean.toString(PseudoVersion.isPseudo(a[0]));
      case "PseudoVersionBase":
      case "PseudoVersionTime":
      case "PseudoVersionRev":
        return pseudoPart(func, a[0]);
      case "PseudoVersion":
        {
          Instant t = OffsetDateTime.parse(a[2]).toInstant();
          try {
            return q(PseudoVersion.of(a[0], a[1], t, a[3]).toString());
          } catch (InvalidVersionException e) {
            return "java rejects: " + e.getMessage();
          }
        }
      default:
        throw new AssertionError("unknown function " + func);
    }
  }

  /**
   * Whether PseudoVersion.of's documented argument checks reject these arguments (x/mod has no
   * checks: it treats an invalid older version as none and copies any major and revision).
   */
  static boolean documentedRejection(String[] a) {
    String major = a[0];
    String older = a[1];
    String rev = a[3];
    boolean badOlder = !older.isEmpty() && !Version.isValid(older);
    boolean badMajor = older.isEmpty() && !major.isEmpty()
        && !(Version.isValid(major) && Version.parse(major).major().equals(major));
    boolean badRev = rev.isEmpty() || !rev.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c));
    return badOlder || badMajor || badRev;
  }

  private static String pseudoPart(String func, String v) {
    Version pv = Version.tryParse(v);
    int[] parts = pv == null ? null : PseudoVersion.split(pv);
    if (parts == null) {
      return "error\t" + q(PathRules.invalidPseudoVersion(v, "syntax error"));
    }
    switch (func) {
      case "PseudoVersionRev":
        return q(v.substring(parts[2], parts[3]));
      case "PseudoVersionTime":
        {
          Instant t = PseudoVersion.parseTime(v, parts);
          if (t == null) {
            return "error\t" + q(PathRules.invalidPseudoVersion(
                v, "malformed time " + GoQuote.quote(v.substring(parts[1], parts[1] + 14))));
          }
          return q(t.toString());
        }
      default:
        {
          String err = PseudoVersion.baseOrError(pv, parts, false);
          if (err != null) {
            return "error\t" + q(err);
          }
          String base = PseudoVersion.baseOrError(pv, parts, true);
          // The public API must agree whenever the time is valid too.
          if (PseudoVersion.parseTime(v, parts) != null) {
            String api = PseudoVersion.parse(v).base().map(Version::toString).orElse("");
            if (!api.equals(base)) {
              return "API base() " + api + " differs from " + base;
            }
          }
          return q(base);
        }
    }
  }

  private static String error(IllegalArgumentException e) {
    return "error\t" + q(e.getMessage());
  }

  static String q(String s) {
    return GoQuote.quote(s);
  }

  /**
   * Reads a Go-quoted string literal (as written by strconv.Quote). Bytes are decoded as WTF-8;
   * a byte that is not part of a valid sequence becomes U+DC80+byte (surrogateescape), so every
   * literal has a Java form.
   */
  static String unquote(String lit) {
    if (lit.length() < 2 || lit.charAt(0) != '"' || lit.charAt(lit.length() - 1) != '"') {
      if (lit.length() >= 2 && lit.charAt(0) == '`') {
        return decodeWtf8(lit.substring(1, lit.length() - 1).getBytes(StandardCharsets.UTF_8));
      }
      throw new IllegalArgumentException("not a Go string literal: " + lit);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int n = lit.length() - 1;
    for (int i = 1; i < n; ) {
      char c = lit.charAt(i);
      if (c != '\\') {
        int cp = lit.codePointAt(i);
        byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        b.write(enc, 0, enc.length);
        i += Character.charCount(cp);
        continue;
      }
      char e = lit.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a': b.write(7); break;
        case 'b': b.write(8); break;
        case 'f': b.write(12); break;
        case 'n': b.write(10); break;
        case 'r': b.write(13); break;
        case 't': b.write(9); break;
        case 'v': b.write(11); break;
        case '\\': b.write('\\'); break;
        case '"': b.write('"'); break;
        case '\'': b.write('\''); break;
        case 'x':
          b.write(Integer.parseInt(lit.substring(i, i + 2), 16));
          i += 2;
          break;
        case 'u':
        case 'U':
          {
            int len = e == 'u' ? 4 : 8;
            int cp = Integer.parseInt(lit.substring(i, i + len), 16);
            i += len;
            byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            b.write(enc, 0, enc.length);
            break;
          }
        default:
          if (e >= '0' && e <= '7') {
            b.write(Integer.parseInt(lit.substring(i - 1, i + 2), 8));
            i += 2;
            break;
          }
          throw new IllegalArgumentException("bad escape in " + lit);
      }
    }
    return decodeWtf8(b.toByteArray());
  }

  /** Decodes UTF-8, accepting encoded surrogates; other invalid bytes map to U+DC80+byte. */
  static String decodeWtf8(byte[] s) {
    StringBuilder out = new StringBuilder(s.length);
    for (int i = 0; i < s.length; ) {
      int b0 = s[i] & 0xFF;
      if (b0 < 0x80) {
        out.append((char) b0);
        i++;
        continue;
      }
      int need;
      int min;
      int cp;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        min = 0x80;
        cp = b0 & 0x1F;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        min = 0x800;
        cp = b0 & 0x0F;
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        min = 0x10000;
        cp = b0 & 0x07;
      } else {
        out.append((char) (0xDC00 + b0));
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; ok && k <= need; k++) {
        if (i + k >= s.length || (s[i + k] & 0xC0) != 0x80) {
          ok = false;
        } else {
          cp = (cp << 6) | (s[i + k] & 0x3F);
        }
      }
      if (!ok || cp < min || cp > 0x10FFFF) {
        out.append((char) (0xDC00 + b0));
        i++;
        continue;
      }
      out.appendCodePoint(cp);
      i += need + 1;
    }
    return out.toString();
  }

  /** Encodes a Java string as WTF-8 bytes (lone surrogates as their 3-byte form). */
  static byte[] encodeWtf8(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(s.length() + 8);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        b.write(cp);
      } else if (cp < 0x800) {
        b.write(0xC0 | (cp >> 6));
        b.write(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        b.write(0xE0 | (cp >> 12));
        b.write(0x80 | ((cp >> 6) & 0x3F));
        b.write(0x80 | (cp & 0x3F));
      } else {
        b.write(0xF0 | (cp >> 18));
        b.write(0x80 | ((cp >> 12) & 0x3F));
        b.write(0x80 | ((cp >> 6) & 0x3F));
        b.write(0x80 | (cp & 0x3F));
      }
    }
    return b.toByteArray();
  }

  /** The lines of a test resource next to this class, without '#' comments. */
  static List<String> resourceLines(String name) {
    try (InputStream in = XMod.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + name);
      }
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The xmod-vectors Go program's source, from the repository's tools directory. */
  static String generatorSource() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("tools/xmod-vectors/main.go");
      if (Files.isRegularFile(f)) {
        try {
          return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new AssertionError("tools/xmod-vectors/main.go not found above " + Paths.get("").toAbsolutePath());
  }
}
