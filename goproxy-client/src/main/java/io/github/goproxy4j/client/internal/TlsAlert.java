package io.github.goproxy4j.client.internal;

import java.util.Map;

/**
 * go's text for a fatal TLS alert the server sent (crypto/tls's alert, which a read reports as
 * {@code remote error: tls: <text>}). The JDK reports the alert only in its message, {@code
 * Received fatal alert: <its name>}, JDK 25 with {@code (<its name>) } before it
 * (sun.security.ssl's TransportContext; its exception carries
 * no alert code), so the name is read from there; a message in another form, or an alert go does
 * not name, keeps the JDK's text. Names: the JDK's Alert descriptions; texts: crypto/tls/alert.go
 * (go1.19 to go1.27; go1.27 adds {@code encrypted client hello required}, an alert the JDK does not
 * know).
 */
final class TlsAlert {
  private static final String RECEIVED = "Received fatal alert: ";
  /** go's text by the JDK's alert name. */
  static final Map<String, String> GO_TEXT = Map.ofEntries(
      Map.entry("close_notify", "close notify"),
      Map.entry("unexpected_message", "unexpected message"),
      Map.entry("bad_record_mac", "bad record MAC"),
      Map.entry("decryption_failed", "decryption failed"),
      Map.entry("record_overflow", "record overflow"),
      Map.entry("decompression_failure", "decompression failure"),
      Map.entry("handshake_failure", "handshake failure"),
      Map.entry("bad_certificate", "bad certificate"),
      Map.entry("unsupported_certificate", "unsupported certificate"),
      Map.entry("certificate_revoked", "revoked certificate"),
      Map.entry("certificate_expired", "expired certificate"),
      Map.entry("certificate_unknown", "unknown certificate"),
      Map.entry("illegal_parameter", "illegal parameter"),
      Map.entry("unknown_ca", "unknown certificate authority"),
      Map.entry("access_denied", "access denied"),
      Map.entry("decode_error", "error decoding message"),
      Map.entry("decrypt_error", "error decrypting message"),
      Map.entry("export_restriction", "export restriction"),
      Map.entry("protocol_version", "protocol version not supported"),
      Map.entry("insufficient_security", "insufficient security level"),
      Map.entry("internal_error", "internal error"),
      Map.entry("inappropriate_fallback", "inappropriate fallback"),
      Map.entry("user_canceled", "user canceled"),
      Map.entry("no_renegotiation", "no renegotiation"),
      Map.entry("missing_extension", "missing extension"),
      Map.entry("unsupported_extension", "unsupported extension"),
      Map.entry("certificate_unobtainable", "certificate unobtainable"),
      Map.entry("unrecognized_name", "unrecognized name"),
      Map.entry("bad_certificate_status_response", "bad certificate status response"),
      Map.entry("bad_certificate_hash_value", "bad certificate hash value"),
      Map.entry("unknown_psk_identity", "unknown PSK identity"),
      Map.entry("certificate_required", "certificate required"),
      Map.entry("no_application_protocol", "no application protocol"));

  private TlsAlert() {}

  /**
   * A JDK TLS message without the alert name JDK 25 writes before it ({@code (handshake_failure)
   * Received fatal alert: handshake_failure}, {@code (unexpected_message) Received close_notify
   * during handshake}); JDK 17's messages, and null, as they are.
   *
   * @param m the exception's message, or null
   * @return the message after {@code (name) }
   */
  static String withoutAlertName(String m) {
    int end = m == null || !m.startsWith("(") ? -1 : m.indexOf(") ");
    return end > 0 ? m.substring(end + 2) : m;
  }

  /**
   * go's {@code remote error: tls: <text>} for the first exception in {@code t}'s cause chain
   * that reports a fatal alert the server sent, or null.
   */
  static String remoteError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = withoutAlertName(c.getMessage());
      if (m != null && m.startsWith(RECEIVED)) {
        String text = GO_TEXT.get(m.substring(RECEIVED.length()));
        return text == null ? null : "remote error: tls: " + text;
      }
    }
    return null;
  }
}
