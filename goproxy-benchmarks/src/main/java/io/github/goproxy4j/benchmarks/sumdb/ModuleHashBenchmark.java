package io.github.goproxy4j.benchmarks.sumdb;

import io.github.goproxy4j.sumdb.ModuleHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ModuleHash#ofZip(Path)} on a ~50 MB module zip, next to the raw limit: inflating every
 * entry and SHA-256-ing the output with the same JDK primitives, with the compressed bytes
 * already located (no central-directory parsing, sorting, CRC or summary). Run with
 * {@code java -jar goproxy-benchmarks/target/goproxy-benchmarks.jar ModuleHashBenchmark}; see
 * {@code bench-hash.sh} for the side-by-side with Go's {@code dirhash.HashZip}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ModuleHashBenchmark {
  Path zip;
  ByteBuffer mapped;
  int[] offsets;
  int[] sizes;
  int[] methods;

  /**
   * Generates (once) and maps the zip, and locates every entry's compressed bytes.
   *
   * @throws IOException if the zip cannot be read
   */
  @Setup
  public void setup() throws IOException {
    zip = LargeZip.get();
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
    }
    int eocd = mapped.limit() - 22;
    int count = mapped.getShort(eocd + 10) & 0xffff;
    int cd = mapped.getInt(eocd + 16);
    offsets = new int[count];
    sizes = new int[count];
    methods = new int[count];
    for (int i = 0; i < count; i++) {
      methods[i] = mapped.getShort(cd + 10) & 0xffff;
      sizes[i] = mapped.getInt(cd + 20);
      int local = mapped.getInt(cd + 42);
      offsets[i] = local + 30 + (mapped.getShort(local + 26) & 0xffff) + (mapped.getShort(local + 28) & 0xffff);
      cd += 46 + (mapped.getShort(cd + 28) & 0xffff) + (mapped.getShort(cd + 30) & 0xffff)
          + (mapped.getShort(cd + 32) & 0xffff);
    }
  }

  /**
   * The library: x/mod's HashZip, streamed.
   *
   * @return the hash
   * @throws IOException never, for this zip
   */
  @Benchmark
  public ModuleHash ofZip() throws IOException {
    return ModuleHash.ofZip(zip);
  }

  /**
   * The raw limit: inflate + SHA-256 of every entry, nothing else.
   *
   * @return a digest byte, so the work is not eliminated
   * @throws Exception never
   */
  @Benchmark
  public int rawInflateSha256() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Inflater inf = new Inflater(true);
    byte[] out = new byte[1 << 16];
    int acc = 0;
    for (int i = 0; i < offsets.length; i++) {
      md.reset();
      ByteBuffer in = mapped.duplicate().position(offsets[i]).limit(offsets[i] + sizes[i]);
      if (methods[i] == 0) {
        md.update(in);
      } else {
        inf.reset();
        inf.setInput(in);
        while (!inf.finished()) {
          int n = inf.inflate(out);
          md.update(out, 0, n);
          if (n == 0 && inf.needsInput()) {
            break;
          }
        }
      }
      acc += md.digest()[0];
    }
    inf.end();
    return acc;
  }
}
