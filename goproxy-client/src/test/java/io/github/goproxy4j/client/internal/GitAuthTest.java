package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GOAUTH git's parsing of {@code git credential fill}'s answer (running git: GoAuthTest). */
class GitAuthTest {
  /**
   * parseGitAuth's prefix, username and password for git outputs, each expected value printed by
   * go1.27's net/url for the same fields (url.ParseRequestURI, then protocol/host/path set on
   * the URL, then String(); gitauth.go is the same in go1.24, go1.26 and go1.27).
   */
  @Test
  void gitFillOutputIsParsedAsGo() {
    String[][] cases = {
      {"protocol=https\nhost=example.com\nusername=bob\npassword=secr3t\n",
          "https://example.com", "bob", "secr3t"},
      {"protocol=https\nhost=h:8443\npath=a/b c!*(x)\nusername=u\npassword=",
          "https://h:8443/a/b%20c%21%2A%28x%29", "u", ""},
      {"url=https://h/x/y\nusername=u\npassword=p=q", "https://h/x/y", "u", "p=q"},
      {"url=https://h/x/y\nprotocol=http\nhost=z", "http://z/x/y", "", ""},
      {"protocol=https\nhost=h\nurl=not a url", "https://h", "", ""},
      {"url=", "", "", ""},
      {" username = u \n  password=p \nprotocol=https\nhost=h", "https://h", "", "p"},
      {"nothing here", "", "", ""},
      {"url=/just/path", "/just/path", "", ""},
      {"url=https://u:pw@h/p%2Fq?x=1", "https://u:pw@h/p%2Fq?x=1", "", ""},
      {"url=https:no", "https:no", "", ""},
      {"url=//h/p", "//h/p", "", ""},
      {"protocol=https", "https:", "", ""},
      {"host=h", "//h", "", ""},
      {"path=a:b", "./a:b", "", ""},
      {"url=HTTPS://H/%7e", "https://H/%7e", "", ""},
      {"protocol=https\nhost=h\u00e9 st\npath=/\u00e9", "https://h%C3%A9%20st/%C3%A9", "", ""},
    };
    for (String[] c : cases) {
      String[] got = GitAuth.parseGitAuth(c[0]);
      assertEquals(List.of(c[1], c[2], c[3]), List.of(got), c[0]);
    }
  }
}
