package io.github.goproxy4j.env;

import io.github.goproxy4j.internal.Redaction;
import java.net.URI;
import java.util.Objects;

/**
 * One entry of an effective GOPROXY list: a proxy {@link Url}, {@link Direct} (fetch from version
 * control) or {@link Off} (lookups disabled).
 *
 * <pre>{@code
 * for (ProxyEntry e : ProxyResolver.fromSystem().resolve("example.com/m").proxies()) {
 *   if (e instanceof ProxyEntry.Url) {
 *     URI base = ((ProxyEntry.Url) e).uri();
 *   }
 * }
 * }</pre>
 */
public sealed interface ProxyEntry permits ProxyEntry.Url, ProxyEntry.Direct, ProxyEntry.Off {

  /** The {@code direct} entry. */
  Direct DIRECT = new Direct();
  /** The {@code off} entry. */
  Off OFF = new Off();

  /**
   * Returns the entry as Go names it in messages: the redacted URL, {@code direct} or
   * {@code off}.
   *
   * @return a string without credentials
   */
  String display();

  /**
   * A proxy base URL ({@code https}, {@code http} or {@code file}).
   *
   * @param uri the base URL exactly as Go accepted it (may contain user info: use
   *     {@link #redacted()} when printing)
   * @param fallback when to move on to the next entry
   */
  record Url(URI uri, FallbackMode fallback) implements ProxyEntry {
    /**
     * Validates the components.
     *
     * @param uri the base URL
     * @param fallback the fallback mode
     */
    public Url {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(fallback, "fallback");
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("proxy URL must be absolute: " + Redaction.redacted(uri));
      }
    }

    /**
     * Returns the URL with any password replaced by {@code xxxxx}, as Go's
     * {@code url.Redacted} prints it.
     *
     * @return the redacted URL
     */
    public String redacted() {
      return Redaction.redacted(uri);
    }

    @Override
    public String display() {
      return redacted();
    }

    /** Returns the redacted URL followed by its separator, for example {@code https://a|}. */
    @Override
    public String toString() {
      return redacted() + fallback.separator();
    }
  }

  /** {@code direct}: fetch from the version control repository (direct mode). */
  record Direct() implements ProxyEntry {
    @Override
    public String display() {
      return "direct";
    }

    // equals and hashCode written out: see ModuleGraph.Node
    @Override
    public boolean equals(Object o) {
      return o instanceof Direct;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "direct";
    }
  }

  /** {@code off}: every lookup fails with {@code module lookup disabled by GOPROXY=off}. */
  record Off() implements ProxyEntry {
    @Override
    public String display() {
      return "off";
    }

    // equals and hashCode written out: see ModuleGraph.Node
    @Override
    public boolean equals(Object o) {
      return o instanceof Off;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    @Override
    public String toString() {
      return "off";
    }
  }
}
