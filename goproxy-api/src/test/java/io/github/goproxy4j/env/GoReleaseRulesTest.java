package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings rules that changed between go releases (docs/spec/go-releases.md §2–3): net/url's host
 * rules in GOPROXY, GOFLAGS splitting and flag names, {@code GOPROXY=file://}.
 */
class GoReleaseRulesTest {
  private static GoEnv env(String goVersion, String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("HOME", "/home/u");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return GoEnv.builder().environment(m).noUserEnvFile().goVersion(goVersion).build();
  }

  private static String goproxyError(String goVersion, String goproxy, String... kv) {
    String[] all = new String[kv.length + 2];
    all[0] = "GOPROXY";
    all[1] = goproxy;
    System.arraycopy(kv, 0, all, 2, kv.length);
    ProxyResolver r = ProxyResolver.of(env(goVersion, all));
    try {
      r.proxies();
      return "ok";
    } catch (GoEnvException e) {
      return e.getMessage();
    }
  }

  @ParameterizedTest(name = "go{0} GOPROXY={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "1.19    | http://::1:8080/x   | ok",
      "1.25.9  | http://::1:8080/x   | ok",
      "1.26.0  | http://::1:8080/x   | parse \"http://::1:8080/x\": invalid port \"::1:8080\" after host",
      "1.27    | http://::1:8080/x   | parse \"http://::1:8080/x\": invalid port \"::1:8080\" after host",
      "1.24.4  | http://a:b:c/       | parse \"http://a:b:c/\": invalid port \":c\" after host",
      "1.27.3  | http://a:b:c/       | parse \"http://a:b:c/\": invalid port \":b:c\" after host",
      "1.27.3  | https://h:1:2/      | parse \"https://h:1:2/\": invalid port \":1:2\" after host",
      "1.24.4  | http://[1.2.3.4]/   | accepted",
      "1.24.8  | http://[1.2.3.4]/   | parse \"http://[1.2.3.4]/\": invalid IP-literal",
      "1.25.1  | http://[x]/         | accepted",
      "1.25.2  | http://[x]/         | parse \"http://[x]/\": invalid host: ParseAddr(\"x\"): unable to parse IP",
      "1.26    | http://[::1%25]/    | parse \"http://[::1%25]/\": invalid host: ParseAddr(\"::1%\"): zone must be a non-empty string",
      "1.26    | http://[1::2::3]/   | parse \"http://[1::2::3]/\": invalid host: ParseAddr(\"1::2::3\"): multiple :: in address (at \":3\")",
      "1.26    | http://[::1]:80/    | ok",
      "1.26    | http://[fe80::1%25en0]/ | ok",
      "1.25.7  | http://x[::1]:80/   | accepted",
      "1.25.8  | http://x[::1]:80/   | parse \"http://x[::1]:80/\": invalid IP-literal",
      "1.26.0  | http://x[::1]:80/   | parse \"http://x[::1]:80/\": invalid port \"::1]:80\" after host",
      "1.26.1  | http://x[::1]:80/   | parse \"http://x[::1]:80/\": invalid IP-literal",
  })
  void hostRulesFollowTheRelease(String goVersion, String goproxy, String expected) {
    String got = goproxyError(goVersion, goproxy);
    if (expected.equals("accepted")) {
      // go accepts it; java.net.URI cannot hold it, which we report instead of a parse error
      assertTrue(got.startsWith("invalid proxy URL: " + goproxy
          + " is accepted by Go but cannot be represented as a java.net.URI"), got);
    } else {
      assertEquals(expected, got);
    }
  }

  @Test
  void godebugRestoresTheOldColonRule() {
    assertEquals("ok", goproxyError("1.27", "http://::1:8080/x", "GODEBUG", "urlstrictcolons=0"));
    assertEquals("ok", goproxyError("1.27", "http://::1:8080/x", "GODEBUG", "x=1,urlstrictcolons=1,urlstrictcolons=0"));
    assertEquals("parse \"http://::1:8080/x\": invalid port \"::1:8080\" after host",
        goproxyError("1.27", "http://::1:8080/x", "GODEBUG", "urlstrictcolons=0,urlstrictcolons=1"));
  }

  @Test
  void godebugIsNotReadFromTheEnvFile() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("goenv", "");
    try {
      java.nio.file.Files.writeString(f, "GODEBUG=urlstrictcolons=0\nGOPROXY=http://::1:8080/x\n");
      GoEnv e = GoEnv.builder().environment(Map.of("HOME", "/home/u")).userEnvFile(f).goVersion("1.27").build();
      assertThrows(GoEnvException.class, () -> ProxyResolver.of(e).proxies());
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  @Test
  void emptyFileUrlIsTheRootDirectory() {
    for (String v : List.of("1.19", "1.24", "1.27")) {
      List<ProxyEntry> p = ProxyResolver.of(env(v, "GOPROXY", "file://")).proxies();
      assertEquals(URI.create("file:///"), ((ProxyEntry.Url) p.get(0)).uri(), v);
    }
  }

  @ParameterizedTest(name = "go{0} GOFLAGS={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "1.27 | -nosuchflag               | parsing $GOFLAGS: unknown flag -nosuchflag",
      "1.27 | --nosuchflag=3            | parsing $GOFLAGS: unknown flag -nosuchflag",
      "1.27 | modcacherw                | parsing $GOFLAGS: non-flag \"modcacherw\"",
      "1.27 | -modcacherw -=x           | parsing $GOFLAGS: non-flag \"-=x\"",
      "1.19 | -C=dir                    | parsing $GOFLAGS: unknown flag -C",
      "1.20 | -C=dir                    | invalid value \"dir\" for flag -C (from $GOFLAGS): -C flag must be first flag on command line",
      "1.27 | -C                        | flag needs an argument: -C (from $GOFLAGS)",
      "1.23 | -tool=x                   | parsing $GOFLAGS: unknown flag -tool",
      "1.24 | -tool=x                   | ok",
      "1.24 | -ignore=x                 | parsing $GOFLAGS: unknown flag -ignore",
      "1.25 | -ignore=x                 | ok",
      "1.27 | '-ldflags=-s -w' -mod=mod | ok",
      "1.19 | '-ldflags=-s -w' -mod=mod | parsing $GOFLAGS: non-flag \"'-ldflags=-s\"",
      "1.27 | '-ldflags=-s -w           | parsing $GOFLAGS: unterminated ' string",
      "1.27 | -test.v -test.skip=x      | ok",
      "1.19 | -test.skip=x              | parsing $GOFLAGS: unknown flag -test.skip",
  })
  void goflagsFollowTheRelease(String goVersion, String goflags, String expected) {
    GoEnv e = env(goVersion, "GOFLAGS", goflags);
    String got;
    try {
      e.goFlags();
      got = "ok";
    } catch (GoEnvException x) {
      got = x.getMessage();
    }
    assertEquals(expected, got);
  }

  @Test
  void flagNamesOnlyGrow() {
    for (int m = 19; m < 27; m++) {
      assertEquals(true, GoFlagNames.names(m + 1).containsAll(GoFlagNames.names(m)), "1." + m);
    }
    assertEquals(true, GoFlagNames.known(19, "modcacherw"));
    assertEquals(false, GoFlagNames.known(27, "nosuchflag"));
  }
}
