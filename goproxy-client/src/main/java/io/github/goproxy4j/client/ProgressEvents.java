package io.github.goproxy4j.client;

import io.github.goproxy4j.module.ModuleVersion;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends download events to the user's {@link ProgressListener}; a failing listener is logged. */
final class ProgressEvents {
  private static final Logger LOG = LoggerFactory.getLogger(GoProxyClient.class);

  private final ProgressListener listener; // null: none

  ProgressEvents(ProgressListener listener) {
    this.listener = listener;
  }

  private interface Event {
    void send(ProgressListener l);
  }

  private void send(Event e) {
    if (listener == null) {
      return;
    }
    try {
      e.send(listener);
    } catch (RuntimeException failure) {
      LOG.warn("progress listener failed", failure);
    }
  }

  void started(ModuleVersion module) {
    send(l -> l.started(module));
  }

  void bytes(ModuleVersion module, long received, long total) {
    send(l -> l.bytes(module, received, total));
  }

  void verified(ModuleVersion module, String zipHash) {
    send(l -> l.verified(module, zipHash));
  }

  void done(ModuleVersion module, Path dir) {
    send(l -> l.done(module, dir));
  }

  void failed(ModuleVersion module, Exception failure) {
    send(l -> l.failed(module, failure));
  }
}
