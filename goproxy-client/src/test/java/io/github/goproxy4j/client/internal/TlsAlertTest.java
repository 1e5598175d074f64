package io.github.goproxy4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The JDK's fatal-alert messages as go's {@code remote error: tls: ...} (crypto/tls/alert.go). */
class TlsAlertTest {
  @Test
  void jdkAlertNamesAsGosTexts() {
    assertEquals("remote error: tls: handshake failure",
        TlsAlert.remoteError(new SSLHandshakeException("Received fatal alert: handshake_failure")));
    assertEquals("remote error: tls: protocol version not supported",
        TlsAlert.remoteError(new SSLHandshakeException("Received fatal alert: protocol_version")));
    assertEquals("remote error: tls: unknown certificate authority",
        TlsAlert.remoteError(new SSLException("Received fatal alert: unknown_ca")));
    assertEquals("remote error: tls: certificate required", TlsAlert.remoteError(new IOException(
        "wrapped", new SSLException("Received fatal alert: certificate_required"))));
    // not an alert the server sent, or one go does not name: the JDK's text stays
    // JDK 25 puts the alert's name in parentheses before the message
    assertEquals("remote error: tls: handshake failure", TlsAlert.remoteError(
        new SSLHandshakeException("(handshake_failure) Received fatal alert: handshake_failure")));
    assertNull(TlsAlert.remoteError(new SSLException("(x) Something else: handshake_failure")));
    assertNull(TlsAlert.remoteError(new SSLException("Unrecognized SSL message, plaintext connection?")));
    assertNull(TlsAlert.remoteError(new SSLException("Received fatal alert: no_such_alert")));
    assertNull(TlsAlert.remoteError(new IOException((String) null)));
  }

  /**
   * Every JDK alert name has the text of go's constant of that name (crypto/tls/alert.go's
   * alertText of go1.19 and go1.27, read from their GOROOT: {@code bad_record_mac} is
   * alertBadRecordMAC), and every alert of go1.19's table is there.
   */
  @Test
  void textsAreGosAlertText() throws IOException {
    Pattern entry = Pattern.compile("\\balert(\\w+):\\s*\"([^\"]*)\",");
    for (String lang : new String[] {"1.19", "1.27"}) {
      GoTool.Go go = GoTool.assumeRelease(lang);
      String src = Files.readString(go.goRoot().resolve("src/crypto/tls/alert.go"));
      String table = src.substring(src.indexOf("alertText = map"));
      table = table.substring(0, table.indexOf("\n}"));
      Map<String, String> gos = new HashMap<>();
      for (Matcher m = entry.matcher(table); m.find(); ) {
        gos.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
      }
      for (Map.Entry<String, String> e : TlsAlert.GO_TEXT.entrySet()) {
        assertEquals(gos.get(e.getKey().replace("_", "")), e.getValue(), go + " " + e.getKey());
      }
      assertTrue(gos.size() >= TlsAlert.GO_TEXT.size(), go + " " + gos);
      if (lang.equals("1.19")) {
        assertEquals(gos.size(), TlsAlert.GO_TEXT.size(), gos.toString());
      }
    }
  }
}
