package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.GoUrl;
import io.github.goproxy4j.internal.GoStrings;
import java.util.ArrayList;
import java.util.List;

/** Go's proxyList(): parses GOPROXY into entries (without the implicit noproxy entry). */
final class GoProxyList {
  static final String NO_ENTRIES = "GOPROXY list is not the empty string, but contains no entries";

  final List<ProxyEntry> entries;
  /** The first error, or null. */
  final GoEnvException error;
  /** Raw entries after off/direct that Go never looks at. */
  final List<String> unreached;
  /** The keyword that stopped parsing early ("off"/"direct"), or null. */
  final String stoppedBy;

  private GoProxyList(List<ProxyEntry> entries, GoEnvException error, List<String> unreached, String stoppedBy) {
    this.entries = List.copyOf(entries);
    this.error = error;
    this.unreached = List.copyOf(unreached);
    this.stoppedBy = stoppedBy;
  }

  static GoProxyList parse(String goproxy, GoEnv.Os os, GoUrl.Rules rules) {
    List<ProxyEntry> list = new ArrayList<>();
    String rest = goproxy;
    String stoppedBy = null;
    while (!rest.isEmpty()) {
      String url;
      boolean fallBackOnError = false;
      int i = indexOfSeparator(rest);
      if (i >= 0) {
        url = rest.substring(0, i);
        fallBackOnError = rest.charAt(i) == '|';
        rest = rest.substring(i + 1);
      } else {
        url = rest;
        rest = "";
      }
      url = GoStrings.trimSpace(url);
      if (url.isEmpty()) {
        continue;
      }
      if (url.equals("off")) {
        list.add(ProxyEntry.OFF);
        stoppedBy = "off";
        break;
      }
      if (url.equals("direct")) {
        list.add(ProxyEntry.DIRECT);
        stoppedBy = "direct";
        break;
      }
      if (containsAny(url, ".:/") && !url.contains(":/") && !GoFilePath.isAbs(os, url)
          && !url.startsWith("/")) {
        url = "https://" + url;
      }
      try {
        list.add(new ProxyEntry.Url(check(url, rules),
            fallBackOnError ? FallbackMode.ON_ANY_ERROR : FallbackMode.ON_NOT_FOUND));
      } catch (GoEnvException e) {
        return new GoProxyList(list, e, List.of(), null);
      }
    }
    List<String> unreached = new ArrayList<>();
    if (stoppedBy != null) {
      for (String s : rest.split("[,|]", -1)) {
        String t = GoStrings.trimSpace(s);
        if (!t.isEmpty()) {
          unreached.add(t);
        }
      }
    }
    if (list.isEmpty()) {
      return new GoProxyList(list, new GoEnvException(NO_ENTRIES), unreached, stoppedBy);
    }
    return new GoProxyList(list, null, unreached, stoppedBy);
  }

  /** newProxyRepo's checks; returns the URI. */
  static java.net.URI check(String url, GoUrl.Rules rules) {
    GoUrl base;
    try {
      base = GoUrl.parse(url, rules);
    } catch (GoUrl.ParseException e) {
      throw new GoEnvException(e.getMessage());
    }
    switch (base.scheme) {
      case "http":
      case "https":
        break;
      case "file":
        if (!base.onlySchemeAndPath()) {
          throw new GoEnvException(
              "invalid file:// proxy URL with non-path elements: " + base.redacted());
        }
        if (base.path.isEmpty()) {
          // "file://": every go release joins "" with "/<module>/@v/..." and so reads from the
          // root directory; java.net.URI cannot hold an empty file path, so say "file:///".
          return java.net.URI.create("file:///");
        }
        break;
      case "":
        throw new GoEnvException("invalid proxy URL missing scheme: " + base.redacted());
      default:
        throw new GoEnvException(
            "invalid proxy URL scheme (must be https, http, file): " + base.redacted());
    }
    return ChecksumDb.toUri(base, "invalid proxy URL: ");
  }

  private static int indexOfSeparator(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '|') {
        return i;
      }
    }
    return -1;
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
