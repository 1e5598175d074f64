package io.github.goproxy4j.client.internal;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in URLs and text, in the two styles the go command prints: {@code xxxxx} where
 * cmd/go builds the message ({@code url.Redacted}) and {@code ***} where net/http does (transport
 * errors). The user name is kept, as in Go.
 *
 * <pre>{@code
 * Redaction.redacted(URI.create("https://u:secret@host/p"))   // "https://u:xxxxx@host/p"
 * Redaction.netHttp(URI.create("https://u:secret@host/p"))    // "https://u:***@host/p"
 * }</pre>
 */
public final class Redaction {
  /** {@code scheme://userinfo@}: the user info ends at the last {@code @} before the path. */
  private static final Pattern USERINFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#@\\s\"']*(?:@[^/?#@\\s\"']*)*)@");

  private Redaction() {}

  /**
   * Returns the URI as Go's {@code url.Redacted} prints it: a password becomes {@code xxxxx}.
   *
   * @param uri the URI, possibly with user info
   * @return the text, safe to show
   */
  public static String redacted(URI uri) {
    return mask(uri, "xxxxx");
  }

  /**
   * Returns the URI as net/http prints it in transport errors: a password becomes {@code ***}.
   *
   * @param uri the URI, possibly with user info
   * @return the text, safe to show
   */
  public static String netHttp(URI uri) {
    return mask(uri, "***");
  }

  /**
   * Returns the URI without any user info.
   *
   * @param uri the URI
   * @return the same URI minus {@code user[:password]@}
   */
  public static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    String s = uri.toString();
    String ui = uri.getRawUserInfo() + "@";
    int i = s.indexOf(ui);
    return URI.create(s.substring(0, i) + s.substring(i + ui.length()));
  }

  /**
   * Masks every {@code scheme://user:password@} found in free text (for example an exception
   * message from a library) as {@code scheme://user:***@}.
   *
   * @param text any text, or null
   * @return the text with passwords masked (null stays null)
   */
  public static String text(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = USERINFO.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String masked = colon < 0 ? info : info.substring(0, colon) + ":***";
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked + "@"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String mask(URI uri, String mask) {
    String s = uri.toString();
    String ui = uri.getRawUserInfo();
    if (ui == null) {
      return s;
    }
    int colon = ui.indexOf(':');
    if (colon < 0) {
      return s;
    }
    int at = s.indexOf(ui + "@");
    if (at < 0) {
      return text(s);
    }
    return s.substring(0, at) + ui.substring(0, colon) + ":" + mask
        + s.substring(at + ui.length());
  }
}
