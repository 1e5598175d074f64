package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goproxy4j.env.FallbackMode;
import io.github.goproxy4j.env.GoProxyException;
import io.github.goproxy4j.env.ProxyEntry;
import io.github.goproxy4j.env.Transport;
import io.github.goproxy4j.module.ModulePath;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyRepoTest {

  /** Seeds: each draws a body length and what the response's Content-Length says. */
  static Stream<Arguments> seeds() {
    return LongStream.range(0, 60).mapToObj(s -> Arguments.of(s));
  }

  /**
   * A small body (a go.mod) is read whole and exactly, whatever Content-Length claims: right,
   * too small, too large, absent or not a number (the buffer is only sized by it), and whatever
   * chunks the stream hands out.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void goModBodyIsReadExactlyWhateverContentLengthSays(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] lengths = {0, 1, 2, 100, 8191, 8192, 8193, 16_385, 70_000};
    int len = rnd.nextInt(3) == 0 ? lengths[rnd.nextInt(lengths.length)] : rnd.nextInt(20_000);
    byte[] body = new byte[len];
    for (int i = 0; i < len; i++) {
      body[i] = (byte) rnd.nextInt(256);
    }
    List<String> claim;
    switch (rnd.nextInt(6)) {
      case 0:
        claim = List.of();
        break;
      case 1:
        claim = List.of(String.valueOf(Math.max(0, len - 1 - rnd.nextInt(5000))));
        break;
      case 2:
        claim = List.of(String.valueOf(len + 1 + rnd.nextInt(5000)));
        break;
      case 3:
        claim = List.of(rnd.nextBoolean() ? "bogus" : "99999999999999");
        break;
      default:
        claim = List.of(String.valueOf(len));
        break;
    }
    int chunk = 1 + rnd.nextInt(10_000);
    Transport t = (uri, headers) -> Transport.Response.of(200,
        claim.isEmpty() ? Map.of() : Map.of("Content-Length", claim), new Chunked(body, chunk));
    ProxyRepo repo = new ProxyRepo(t, new ProxyEntry.Url(URI.create("http://proxy.example"),
        FallbackMode.ON_NOT_FOUND), ModulePath.parse("example.com/m"), 1 << 20, 27);
    assertArrayEquals(body, repo.goMod("v1.0.0"), "length " + len + ", Content-Length " + claim + ", chunk "
        + chunk);
  }

  /** A stream that hands out at most {@code chunk} bytes per read. */
  private static final class Chunked extends InputStream {
    private final ByteArrayInputStream in;
    private final int chunk;

    Chunked(byte[] data, int chunk) {
      this.in = new ByteArrayInputStream(data);
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, Math.min(len, chunk));
    }
  }

  /** Zeros, {@code size} of them, without holding them. */
  private static final class Zeros extends InputStream {
    private long left;

    Zeros(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }

  private static ProxyRepo repo(long size, List<String> contentLength) {
    Transport t = (uri, headers) -> Transport.Response.of(200,
        contentLength.isEmpty() ? Map.of() : Map.of("Content-Length", contentLength), new Zeros(size));
    return new ProxyRepo(t, new ProxyEntry.Url(URI.create("http://proxy.example"), FallbackMode.ON_NOT_FOUND),
        ModulePath.parse("example.com/m"), 1 << 20, 27);
  }

  static Stream<List<String>> claims() {
    long max = ProxyRepo.MAX_SMALL_BODY;
    return Stream.of(List.of(), List.of(String.valueOf(max)), List.of(String.valueOf(max + 1)), List.of("10"));
  }

  /** A body one byte over the small-body limit fails with the limit named, whatever Content-Length says. */
  @ParameterizedTest(name = "Content-Length {0}")
  @MethodSource("claims")
  void bodyOverTheLimitFails(List<String> contentLength) {
    GoProxyException e = assertThrows(GoProxyException.class,
        () -> repo(ProxyRepo.MAX_SMALL_BODY + 1, contentLength).goMod("v1.0.0"));
    assertEquals("example.com/m@v1.0.0: reading http://proxy.example/example.com/m/@v/v1.0.0.mod: response body"
        + " larger than 33554432 bytes", e.getMessage());
  }

  /** A body of exactly the limit is read whole. */
  @ParameterizedTest(name = "Content-Length {0}")
  @MethodSource("claims")
  void bodyAtTheLimitIsRead(List<String> contentLength) throws Exception {
    assertEquals(ProxyRepo.MAX_SMALL_BODY, repo(ProxyRepo.MAX_SMALL_BODY, contentLength).goMod("v1.0.0").length);
  }
}
