package io.github.goproxy4j.client.internal;

import io.github.goproxy4j.sumdb.internal.LockedFile;
import io.github.goproxy4j.zip.internal.DirHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The client's one warm-up: once per JVM, on a daemon thread, initialises the JDK and library
 * classes that a graph load or a download needs within its first milliseconds, while the caller
 * reads go.mod and go.sum on its own thread. In a JVM that has not run any of it, that set-up
 * runs on one core for about a fifth of a second, with the other core mostly idle (measured on
 * {@code goproxy list -m all}); in a JVM that has, it costs one thread start. Started by the
 * client's graph and download methods, and by the CLI a little earlier, before it reads the
 * environment and builds the client.
 *
 * <p>In the order the work needs them:
 *
 * <ol>
 *   <li>the JVM's lambda machinery (the first lambda a JVM links runs several milliseconds of
 *       cold bootstrap code, measured: 6-8 ms; each later one well under one) and SLF4J's
 *       binding (a service-loader scan of the class path), which the caller's thread reaches
 *       within milliseconds while it builds the client: here they run beside it;
 *   <li>SHA-256 (the JDK's security providers and the digest's classes, about 30 ms cold,
 *       measured): the GOSUMDB key's hash and every go.sum check;
 *   <li>the JDK's HTTP stack of the first request (HttpURLConnection and its loggers,
 *       InetAddress, the socket implementation; about 35 ms cold, measured): an unconnected
 *       connection object and an unconnected socket, so nothing is sent and no descriptor is
 *       opened;
 *   <li>the flock library (JNA, through {@link LockedFile}): about 0.12 s of CPU cold (JNA's own
 *       class initialisation, which starts java.util.logging and the JDK's SecurityManager class,
 *       unpacks and loads its native library, then binds the C calls), measured; the module
 *       cache's first list-file rewrite and the first download's cache reads wait for it.
 * </ol>
 *
 * <p>Nothing observable changes: whatever fails here is left for the real use to report.
 */
public final class ColdStart {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private ColdStart() {}

  /** Starts the warm-up thread, the first time only; the caller goes on at once. */
  public static void begin() {
    if (STARTED.compareAndSet(false, true)) {
      // a Thread subclass, not a method reference: the caller does not link the JVM's first
      // lambda itself
      Thread t = new WarmUp();
      t.setDaemon(true);
      t.start();
    }
  }

  /** The warm-up thread. */
  private static final class WarmUp extends Thread {
    WarmUp() {
      super("goproxy4j-warm-up");
    }

    @Override
    public void run() {
      ColdStart.run();
    }
  }

  /** The warm-up itself: returns normally whatever fails (the real uses report it). */
  static void run() {
    Supplier<String> lambda = () -> "goproxy4j";
    lambda.get();
    LoggerFactory.getILoggerFactory();
    try {
      DirHash.sha256().digest(new byte[1]);
    } catch (RuntimeException e) {
      // the real use reports it
    }
    try {
      URLConnection c = URI.create("http://127.0.0.1:9/").toURL().openConnection(Proxy.NO_PROXY);
      c.setUseCaches(false);
      InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      new Socket(Proxy.NO_PROXY).close();
    } catch (IOException | RuntimeException e) {
      // nothing to warm
    }
    try {
      LockedFile.mechanism();
    } catch (RuntimeException | LinkageError e) {
      // the real use reports it
    }
  }
}
