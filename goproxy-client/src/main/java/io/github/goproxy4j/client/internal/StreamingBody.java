package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.env.GoProxyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream with bounded memory (at most two chunks are buffered), a
 * read-stall limit and a whole-body limit: when no bytes arrive for the stall timeout, or the body
 * is not complete when the body timeout (counted from the headers) ends, the exchange is
 * cancelled and {@code read} throws {@link GoProxyException}. The JDK's own timeout stops at the
 * headers (JDK-8208693), so without this a silent or dripping server would hang a download
 * forever, as it hangs the go command.
 */
final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
  private final Duration stall;
  private final Duration total;
  private final long deadline; // System.nanoTime() when the whole body must be in
  private final String url;
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private Iterator<ByteBuffer> chunk;
  private ByteBuffer current;
  private boolean eof;

  StreamingBody(Duration stall, Duration total, String redactedUrl) {
    this.stall = Objects.requireNonNull(stall);
    this.total = Objects.requireNonNull(total);
    this.deadline = System.nanoTime() + total.toNanos();
    this.url = redactedUrl;
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable t) {
    queue.add(t);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      if (chunk != null && chunk.hasNext()) {
        current = chunk.next();
        continue;
      }
      if (eof) {
        return -1;
      }
      long left = deadline - System.nanoTime();
      boolean bodyTimeout = left < stall.toNanos();
      Object o;
      try {
        o = left <= 0 ? null : queue.poll(bodyTimeout ? left : stall.toNanos(),
            TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new InterruptedIOException("interrupted while reading " + url);
      }
      if (o == null) {
        close();
        throw new GoProxyException("reading " + url + ": " + (bodyTimeout
            ? "body not complete after " + Durations.go(total) + " (body timeout)"
            : "no data received for " + Durations.go(stall) + " (read stall timeout)"));
      }
      if (o == END) {
        eof = true;
        return -1;
      }
      if (o instanceof Throwable) {
        Throwable t = (Throwable) o;
        eof = true;
        throw new GoProxyException("reading " + url + ": "
            + Redaction.text(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()),
            t);
      }
      @SuppressWarnings("unchecked")
      List<ByteBuffer> list = (List<ByteBuffer>) o;
      chunk = list.iterator();
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    return current == null ? 0 : current.remaining();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.clear();
    chunk = null;
    current = null;
  }
}
