package io.github.goproxy4j.internal;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in URLs and text. The rule is Go's {@code (*url.URL).Redacted()}: a password
 * becomes {@code xxxxx}, the user name stays, nothing else changes. The one other form is
 * net/http's own ({@code stripPassword}, {@code ***}), used where Go's message comes from net/http
 * (transport errors). Exported only to the other goproxy4j modules; not API.
 *
 * <pre>{@code
 * Redaction.redacted(URI.create("https://u:secret@host/p"))   // "https://u:xxxxx@host/p"
 * Redaction.inText("GOPROXY=https://u:secret@host,direct")   // "GOPROXY=https://u:xxxxx@host,direct"
 * Redaction.netHttp(URI.create("https://u:secret@host/p"))    // "https://u:***@host/p"
 * }</pre>
 */
public final class Redaction {
  /** Go's url.Redacted mask. */
  public static final String MASK = "xxxxx";

  private static final String NET_HTTP_MASK = "***";

  /** An element of a setting's list: between commas, pipes and white space. */
  private static final Pattern SETTING_ELEMENT = Pattern.compile("[^,|\\s]+");

  /** {@code scheme://userinfo@}: the user info ends at the last {@code @} before the path. */
  private static final Pattern USERINFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#@\\s\"']*(?:@[^/?#@\\s\"']*)*)@");

  private Redaction() {}

  /**
   * Returns the URI as Go's {@code url.Redacted} prints it: a password becomes {@code xxxxx}.
   *
   * @param uri the URI, possibly with user info; {@code null} gives {@code "null"}
   * @return the text, safe to show
   */
  public static String redacted(URI uri) {
    return uri == null ? "null" : mask(uri, MASK);
  }

  /**
   * Returns the URI as net/http prints it in transport errors: a password becomes {@code ***}.
   *
   * @param uri the URI, possibly with user info
   * @return the text, safe to show
   */
  public static String netHttp(URI uri) {
    return mask(uri, NET_HTTP_MASK);
  }

  /**
   * Returns the URI without any user info (what is sent on the wire; credentials travel in the
   * {@code Authorization} header).
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
   * Applies {@link #redacted(URI)}'s rule to a URL that may not parse: the authority after
   * {@code //} runs to the next {@code /}, the user info to its last {@code @}. (Go's URL parse
   * errors quote the raw URL with its password; we never print credentials, a deliberate
   * difference.)
   *
   * @param raw the URL as given
   * @return it with a password replaced by {@code xxxxx}
   */
  public static String rawUrl(String raw) {
    int start = raw.indexOf("//");
    return start < 0 ? raw : maskAuthority(raw, start + 2, MASK);
  }

  /**
   * {@code s} with the password of the authority that begins at {@code start} masked: the
   * authority runs to the next {@code /}, its user info to its last {@code @}, the password from
   * the user info's first {@code :}. Without user info and password, {@code s} as it is.
   */
  private static String maskAuthority(String s, int start, String mask) {
    int end = s.indexOf('/', start);
    if (end < 0) {
      end = s.length();
    }
    int at = s.lastIndexOf('@', end - 1);
    int colon = s.indexOf(':', start);
    if (at < start || colon < 0 || colon > at) {
      return s;
    }
    return s.substring(0, colon + 1) + mask + s.substring(at);
  }

  /**
   * Applies {@link #redacted(URI)}'s rule to every {@code scheme://user:password@} in free text: a
   * setting's value (a GOPROXY list, a GOSUMDB value, a URL Go failed to parse) or a message.
   *
   * @param text any text, or null
   * @return the text with passwords replaced by {@code xxxxx} (null stays null)
   */
  public static String inText(String text) {
    return maskText(text, MASK);
  }

  /**
   * Applies {@link #inText(String)} to a setting's value (GOPROXY, GOSUMDB, HTTPS_PROXY...), and
   * also hides the password of a URL written without a scheme, which go reads as {@code https://}
   * (a GOPROXY entry) or {@code http://} (a proxy variable): in each element between {@code ,},
   * {@code |} and white space, a {@code user:password@} before the first {@code /}.
   *
   * @param value a setting's value, or null
   * @return the value with passwords replaced by {@code xxxxx} (null stays null)
   */
  public static String inSetting(String value) {
    String text = inText(value);
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = SETTING_ELEMENT.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(schemeless(m.group(), MASK)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Applies {@link #netHttp(URI)}'s rule to every {@code scheme://user:password@} in free text
   * (for example an exception message from the JDK's HTTP client, where Go's would come from
   * net/http).
   *
   * @param text any text, or null
   * @return the text with passwords replaced by {@code ***} (null stays null)
   */
  public static String netHttpText(String text) {
    return maskText(text, NET_HTTP_MASK);
  }

  /**
   * Returns a request header's value safe to record: for {@code Authorization},
   * {@code Proxy-Authorization} and {@code Cookie} (any case) the credentials become
   * {@code xxxxx}, an authentication scheme before them ({@code Basic}, {@code Bearer}) staying
   * ({@code "Basic xxxxx"}); any other header's value as it is. Go's HTTP tracing never prints a
   * header value at all; this keeps the scheme so that a recorded request still shows how it
   * authenticated.
   *
   * @param name the header name
   * @param value the value as received, or null
   * @return the value to record (null stays null)
   */
  public static String headerValue(String name, String value) {
    if (value == null || !isCredentialHeader(name)) {
      return value;
    }
    String v = value.strip();
    int sp = v.indexOf(' ');
    boolean scheme = sp > 0 && !name.equalsIgnoreCase("Cookie")
        && v.substring(0, sp).chars().allMatch(c -> c > ' ' && c < 0x7f && c != '=');
    return scheme ? v.substring(0, sp) + " " + MASK : MASK;
  }

  /**
   * Whether a request header carries credentials ({@code Authorization},
   * {@code Proxy-Authorization}, {@code Cookie}; any case).
   *
   * @param name the header name
   * @return true for those headers
   */
  public static boolean isCredentialHeader(String name) {
    return name != null && (name.equalsIgnoreCase("Authorization")
        || name.equalsIgnoreCase("Proxy-Authorization") || name.equalsIgnoreCase("Cookie"));
  }

  private static String maskText(String text, String mask) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = USERINFO.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String masked = colon < 0 ? info : info.substring(0, colon) + ":" + mask;
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked + "@"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** {@code user:password@host/...} without {@code scheme://}: the password masked. */
  private static String schemeless(String e, String mask) {
    return e.contains("://") ? e : maskAuthority(e, 0, mask);
  }

  private static String mask(URI uri, String mask) {
    String s = uri.toString();
    String ui = uri.getRawUserInfo();
    if (ui == null) {
      // user:password@host/p parses as scheme "user" with an opaque part: go's url.Parse reads it
      // so too and would print it whole; we hide the password all the same
      return uri.isOpaque() ? schemeless(s, mask) : s;
    }
    int colon = ui.indexOf(':');
    if (colon < 0) {
      return s;
    }
    int at = s.indexOf(ui + "@");
    if (at < 0) {
      return maskText(s, mask);
    }
    return s.substring(0, at) + ui.substring(0, colon) + ":" + mask
        + s.substring(at + ui.length());
  }
}
