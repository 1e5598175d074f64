package io.github.goproxy4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP proxy for tests: CONNECT tunnels and absolute-form requests, optionally
 * demanding {@code Proxy-Authorization}. Every target host is reached on 127.0.0.1 (the port
 * is kept), so tests can use names such as {@code origin.test} that Go would proxy, without DNS.
 */
final class ConnectProxy implements Closeable {
  private final ServerSocket server;
  private final String requiredAuth;
  /** The request heads received (request line and headers), in order. */
  final List<String> heads = new CopyOnWriteArrayList<>();

  ConnectProxy(String requiredAuth) throws IOException {
    this.requiredAuth = requiredAuth;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "connect-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> handle(s), "connect-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      heads.add(head);
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String auth = null;
      for (String l : lines) {
        int c = l.indexOf(':');
        if (c > 0 && l.substring(0, c).equalsIgnoreCase("Proxy-Authorization")) {
          auth = l.substring(c + 1).trim();
        }
      }
      if (requiredAuth != null && !requiredAuth.equals(auth)) {
        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
            + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return;
      }
      if (requestLine[0].equals("CONNECT")) {
        int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
        try (Socket upstream = new Socket()) {
          upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
          out.write("HTTP/1.1 200 Connection established\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          pipe(client, upstream);
        }
        return;
      }
      // absolute-form: GET http://host:port/path HTTP/1.1
      java.net.URI target = java.net.URI.create(requestLine[1]);
      try (Socket upstream = new Socket()) {
        upstream.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort()), 5000);
        StringBuilder fwd = new StringBuilder();
        fwd.append(requestLine[0]).append(' ').append(target.getRawPath()).append(' ')
            .append(requestLine[2]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
          if (!lines[i].toLowerCase(java.util.Locale.ROOT).startsWith("proxy-authorization:")) {
            fwd.append(lines[i]).append("\r\n");
          }
        }
        fwd.append("\r\n");
        upstream.getOutputStream().write(fwd.toString().getBytes(StandardCharsets.ISO_8859_1));
        upstream.getOutputStream().flush();
        pipe(client, upstream);
      }
    } catch (IOException e) {
      // connection ended
    }
  }

  private static void pipe(Socket a, Socket b) throws IOException {
    Thread t = new Thread(() -> copy(b, a), "connect-proxy-pipe");
    t.setDaemon(true);
    t.start();
    copy(a, b);
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[16384];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // one side closed
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    int c;
    while ((c = in.read()) >= 0) {
      buf.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
          : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
      }
      if (buf.size() > 65536) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
