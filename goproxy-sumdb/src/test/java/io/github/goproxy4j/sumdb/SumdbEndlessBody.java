package io.github.goproxy4j.sumdb;

import java.io.IOException;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/** A response body that never ends (chunked), until the client hangs up or 1 GiB is sent. */
final class SumdbEndlessBody implements MockResponseBody {
  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[] chunk = new byte[8192];
    java.util.Arrays.fill(chunk, (byte) 'x');
    for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
      sink.write(chunk);
      sink.flush();
    }
  }
}
