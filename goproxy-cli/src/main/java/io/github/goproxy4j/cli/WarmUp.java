package io.github.goproxy4j.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Initialises, on a daemon thread, the classes a graph command ({@code list -m}, {@code mod
 * graph}, {@code mod download}, {@code mod verify}) needs once its first go.mod arrives, while
 * the main thread reads the environment, builds the client and parses go.mod and go.sum: in a
 * cold JVM that set-up runs on one core for a fifth of a second, with the other core mostly idle.
 *
 * <p>First SHA-256 (the JDK's security providers and the digest's classes, about 30 ms cold,
 * measured), which the main thread needs a few milliseconds later for the GOSUMDB key's hash:
 * there it waits for the warm-up's class initialisation instead of doing all of it. Then the
 * JDK's HTTP stack of the first request (HttpURLConnection and its loggers,
 * InetAddress, the socket implementation; about 35 ms in a cold JVM, measured): an unconnected
 * connection object and an unconnected socket, so nothing is sent and no descriptor is opened.
 * Then the flock library (JNA, through the client's {@code LockedFile}): about 0.12 s of CPU in a
 * cold JVM (JNA's own class initialisation, which starts java.util.logging and the JDK's
 * SecurityManager class, unpacks and loads its native library, then binds the C calls),
 * measured; the module cache's first list-file rewrite, on the download pool during the graph
 * load, waited for it, and so did every later one. The class is named as a string because its
 * package is exported only to the client module; initialising a class needs no access to it.
 * Nothing observable changes: a library that cannot load is recorded by the class and reported
 * by its first real use, as before.
 */
final class WarmUp {
  /** The client's flock wrapper, whose initialisation sets up JNA. */
  static final String LOCKED_FILE = "io.github.goproxy4j.sumdb.internal.LockedFile";

  private WarmUp() {}

  /** Starts the warm-up thread; the caller goes on at once. */
  static void start() {
    Thread t = new Thread(WarmUp::run, "goproxy-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** The warm-up itself: returns normally whatever fails (the real uses report it). */
  static void run() {
    try {
      MessageDigest.getInstance("SHA-256").digest(new byte[1]);
    } catch (NoSuchAlgorithmException e) {
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
      Class.forName(LOCKED_FILE, true, WarmUp.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // the real use reports it
    }
  }
}
