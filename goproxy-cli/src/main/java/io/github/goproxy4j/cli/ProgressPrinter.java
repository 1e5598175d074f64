package io.github.goproxy4j.cli;

import io.github.goproxy4j.client.ProgressListener;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows download progress: a redrawn one-line bar on a terminal, plain lines otherwise (so logs
 * of CI jobs stay readable).
 */
final class ProgressPrinter implements ProgressListener {
  private final PrintStream out;
  private final boolean bar;
  private final Map<ModuleVersion, long[]> bytes = new ConcurrentHashMap<>();
  private volatile int finished;

  ProgressPrinter(PrintStream out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  @Override
  public void started(ModuleVersion module) {
    bytes.put(module, new long[] {0, -1});
    if (!bar) {
      line("downloading " + module);
    }
  }

  @Override
  public void bytes(ModuleVersion module, long received, long total) {
    bytes.put(module, new long[] {received, total});
    if (bar) {
      redraw(module.toString());
    }
  }

  @Override
  public void verified(ModuleVersion module, String zipHash) {
    if (!bar) {
      line("verified " + module + " " + zipHash);
    }
  }

  @Override
  public void done(ModuleVersion module, Path dir) {
    finished++;
    if (bar) {
      redraw(module.toString());
    } else {
      line("done " + module);
    }
  }

  @Override
  public void failed(ModuleVersion module, Exception failure) {
    if (bar) {
      out.print("\r\033[K");
    }
    line("failed " + module + ": " + Goproxy.oneLine(failure));
  }

  void finish() {
    if (bar) {
      synchronized (this) {
        out.print("\r\033[K");
        out.flush();
      }
    }
  }

  private synchronized void line(String s) {
    out.println(s);
  }

  private synchronized void redraw(String current) {
    long received = 0;
    long total = 0;
    for (long[] b : bytes.values()) {
      received += b[0];
      total += Math.max(b[1], b[0]);
    }
    int width = 30;
    int filled = total == 0 ? 0 : (int) Math.min(width, received * width / total);
    String b = "#".repeat(filled) + " ".repeat(width - filled);
    out.print("\r\033[K[" + b + "] " + finished + "/" + bytes.size() + " modules, "
        + (received / 1024) + " KiB  " + current);
    out.flush();
  }
}
