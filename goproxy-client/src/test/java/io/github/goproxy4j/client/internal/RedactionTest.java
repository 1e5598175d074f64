package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

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
        Redaction.text("Get \"https://a:s1@h/x\": then http://b:s2@i:8/y and mailto:c@d, e@f"));
    assertEquals("proxy http://u:***@p:3128", Redaction.text("proxy http://u:p@ss@p:3128"));
    assertEquals(null, Redaction.text(null));
  }
}
