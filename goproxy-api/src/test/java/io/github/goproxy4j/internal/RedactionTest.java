package io.github.goproxy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Redaction: Go's url.Redacted rule (xxxxx) and net/http's (***), on URIs and in text. */
class RedactionTest {
  @Test
  void goStylesKeepTheUserAndHideThePassword() {
    URI u = URI.create("https://uu:pw@127.0.0.1:18443/m/@v/list");
    assertEquals("https://uu:xxxxx@127.0.0.1:18443/m/@v/list", Redaction.redacted(u));
    assertEquals("https://uu:***@127.0.0.1:18443/m/@v/list", Redaction.netHttp(u));
    assertEquals("https://127.0.0.1:18443/m/@v/list", Redaction.withoutUserInfo(u).toString());
  }

  @Test
  void urlsWithoutPasswordAreUnchanged() {
    assertEquals("https://token@h/p", Redaction.redacted(URI.create("https://token@h/p")));
    assertEquals("https://h/p", Redaction.netHttp(URI.create("https://h/p")));
  }

  @Test
  void encodedPasswordsAreHiddenToo() {
    URI u = URI.create("https://u%40corp:p%3Ass%40w@h/p?x=@y");
    assertEquals("https://u%40corp:xxxxx@h/p?x=@y", Redaction.redacted(u));
  }

  @Test
  void freeTextMasksEveryUrlPassword() {
    assertEquals("Get \"https://a:***@h/x\": then http://b:***@i:8/y and mailto:c@d, e@f",
        Redaction.netHttpText("Get \"https://a:s1@h/x\": then http://b:s2@i:8/y and mailto:c@d, e@f"));
    assertEquals("proxy http://u:***@p:3128", Redaction.netHttpText("proxy http://u:p@ss@p:3128"));
    assertEquals(null, Redaction.netHttpText(null));
  }

  @Test
  void settingValuesGetGoRedactedRule() {
    assertEquals("https://bob:xxxxx@proxy.example.com,https://p2.example|direct",
        Redaction.inText("https://bob:hunter2@proxy.example.com,https://p2.example|direct"));
    assertEquals("sum.golang.org https://alice:xxxxx@sumdb.example.com",
        Redaction.inText("sum.golang.org https://alice:s3cret@sumdb.example.com"));
    assertEquals("example.com/*,corp.example", Redaction.inText("example.com/*,corp.example"));
  }

  @Test
  void queryAndFragmentAreKeptAsGoDoes() {
    // cmd/go prints (*url.URL).Redacted(): the password masked, the rest (query included) kept.
    assertEquals("https://user:xxxxx@proxy.example/sumdb/x/supported?token=t",
        Redaction.redacted(URI.create("https://user:secret@proxy.example/sumdb/x/supported?token=t")));
    assertEquals("http://127.0.0.1:8080/lookup/m@v1.0.0",
        Redaction.redacted(URI.create("http://127.0.0.1:8080/lookup/m@v1.0.0")));
  }

  @Test
  void rawUrlsThatDoNotParse() {
    assertEquals("https://u:xxxxx@h%zz/p", Redaction.rawUrl("https://u:pw@h%zz/p"));
    assertEquals("//u:xxxxx@h/p@q", Redaction.rawUrl("//u:pw@h/p@q"));
    assertEquals("https://u@h/p", Redaction.rawUrl("https://u@h/p"));
    assertEquals("no url", Redaction.rawUrl("no url"));
  }

  @Test
  void settingValuesWithoutScheme() {
    // go reads a GOPROXY entry without a scheme as https://, an HTTPS_PROXY value as http://
    assertEquals("alice:xxxxx@h,https://bob:xxxxx@i|direct",
        Redaction.inSetting("alice:s3cret@h,https://bob:hunter2@i|direct"));
    assertEquals("sum.golang.org u:xxxxx@h:8443/p", Redaction.inSetting("sum.golang.org u:pw@h:8443/p"));
    assertEquals("u:xxxxx@h:3128", Redaction.inSetting("u:p@ss@h:3128"));
    assertEquals("token@h,direct,off", Redaction.inSetting("token@h,direct,off"));
    assertEquals("example.com/m@v1.0.0,corp.example/*", Redaction.inSetting("example.com/m@v1.0.0,corp.example/*"));
    assertEquals("h/p:q@r", Redaction.inSetting("h/p:q@r"));
    assertEquals(null, Redaction.inSetting(null));
  }

  @Test
  void opaqueUrisFromUrlsWithoutScheme() {
    assertEquals("u:xxxxx@h:8443/p", Redaction.redacted(URI.create("u:pw@h:8443/p")));
    assertEquals("u:***@h/p", Redaction.netHttp(URI.create("u:pw@h/p")));
    assertEquals("urn:isbn:0451450523", Redaction.redacted(URI.create("urn:isbn:0451450523")));
  }

  @Test
  void credentialHeadersKeepOnlyTheirScheme() {
    assertEquals("Basic xxxxx", Redaction.headerValue("Authorization", "Basic dTpzZWNyZXQ="));
    assertEquals("Bearer xxxxx", Redaction.headerValue("authorization", "Bearer  tok en"));
    assertEquals("Basic xxxxx", Redaction.headerValue("PROXY-AUTHORIZATION", "Basic cDpx"));
    assertEquals("xxxxx", Redaction.headerValue("Authorization", "secret-without-scheme"));
    assertEquals("xxxxx", Redaction.headerValue("Authorization", "a=b c"));
    assertEquals("xxxxx", Redaction.headerValue("Cookie", "session abc"));
    assertEquals("xxxxx", Redaction.headerValue("Authorization", ""));
    assertEquals("Go-http-client/1.1", Redaction.headerValue("User-Agent", "Go-http-client/1.1"));
    assertEquals(null, Redaction.headerValue("Authorization", null));
  }
}
