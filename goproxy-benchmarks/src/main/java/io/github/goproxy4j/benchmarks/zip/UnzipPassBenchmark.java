package io.github.goproxy4j.benchmarks.zip;

import io.github.goproxy4j.benchmarks.sumdb.LargeZip;
import io.github.goproxy4j.internal.GoOs;
import io.github.goproxy4j.internal.GoRelease;
import io.github.goproxy4j.module.ModuleVersion;
import io.github.goproxy4j.sumdb.ModuleHash;
import io.github.goproxy4j.zip.ModuleZip;
import io.github.goproxy4j.zip.internal.DirHash;
import io.github.goproxy4j.zip.internal.GoZipReader;
import io.github.goproxy4j.zip.internal.UnzipPass;
import io.github.goproxy4j.zip.internal.ZipCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the module cache writer does with a downloaded zip, on {@link LargeZip} (about 50 MB,
 * a few thousand entries), into a fresh directory each time:
 *
 * <ul>
 *   <li>{@code onePass}: {@link UnzipPass#run} (prefix check, CheckZip, hash and extraction,
 *       each entry inflated once) on one thread;
 *   <li>{@code onePassWithHelper}: the same with one helper thread, what the cache writer does
 *       on two cores;
 *   <li>{@code threePasses}: prefix check, {@link ModuleHash#ofZip}, then {@link ModuleZip#unzip}
 *       (its own CheckZip), what it did before and what go does;
 *   <li>{@code hashAndWriteThreads1} / {@code hashAndWriteThreads2}: the same extraction (inflate,
 *       SHA-256 per file, create with mode 0444, write; directories made first) on one thread
 *       or split over two threads with a zip reader each: whether parallel extraction pays.
 * </ul>
 *
 * {@code bench-unzip.sh} runs it beside go's {@code dirhash.HashZip} + {@code zip.Unzip} on the
 * same zip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UnzipPassBenchmark {
  private static final ModuleVersion MV = ModuleVersion.parse("example.com/large/module@v1.2.3");
  private static final FileAttribute<?> READ_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--"));

  Path zip;
  Path work;
  Path target;
  int run;
  ExecutorService pool;

  /**
   * Generates (once) the zip.
   *
   * @throws IOException if it cannot be written
   */
  @Setup
  public void setup() throws IOException {
    zip = LargeZip.get();
    work = Files.createTempDirectory("unzip-bench");
    pool = Executors.newFixedThreadPool(2);
  }

  /** A fresh target for each call. */
  @Setup(Level.Invocation)
  public void freshTarget() {
    target = work.resolve("t" + run++);
  }

  /**
   * Removes the tree written.
   *
   * @throws IOException if it cannot be removed
   */
  @TearDown(Level.Invocation)
  public void removeTarget() throws IOException {
    GoOs.removeAll(target);
  }

  /**
   * Removes everything.
   *
   * @throws IOException if it cannot be removed
   */
  @TearDown
  public void tearDown() throws IOException {
    pool.shutdownNow();
    GoOs.removeAll(work);
  }

  /**
   * The cache writer now.
   *
   * @return the pass's result
   * @throws IOException never, for this zip
   */
  @Benchmark
  public UnzipPass.Result onePass() throws IOException {
    return UnzipPass.run(MV, zip, target);
  }

  /**
   * The cache writer on two cores: the one pass with one helper thread.
   *
   * @return the pass's result
   * @throws IOException never, for this zip
   */
  @Benchmark
  public UnzipPass.Result onePassWithHelper() throws IOException {
    return UnzipPass.run(MV, zip, target, GoRelease.NEWEST, pool, 1);
  }

  /**
   * The cache writer before (and go): three passes.
   *
   * @return the hash
   * @throws IOException never, for this zip
   */
  @Benchmark
  public ModuleHash threePasses() throws IOException {
    try (GoZipReader z = GoZipReader.open(zip)) {
      if (ZipCheck.unexpectedFile(MV, z).isPresent()) {
        throw new IllegalStateException();
      }
    }
    ModuleHash h = ModuleHash.ofZip(zip);
    ModuleZip.unzip(MV, zip, target);
    return h;
  }

  /**
   * Extraction on one thread.
   *
   * @return bytes written
   * @throws Exception never, for this zip
   */
  @Benchmark
  public long hashAndWriteThreads1() throws Exception {
    return hashAndWrite(1);
  }

  /**
   * Extraction split over two threads, a zip reader each.
   *
   * @return bytes written
   * @throws Exception never, for this zip
   */
  @Benchmark
  public long hashAndWriteThreads2() throws Exception {
    return hashAndWrite(2);
  }

  private long hashAndWrite(int threads) throws Exception {
    int prefix = (MV.path() + "@" + MV.version() + "/").length();
    List<GoZipReader.Entry> files = new ArrayList<>();
    Set<String> dirs = new TreeSet<>();
    try (GoZipReader z = GoZipReader.open(zip)) {
      for (GoZipReader.Entry e : z.entries()) {
        String rel = e.name().substring(prefix);
        if (e.isDirectory() || rel.isEmpty()) {
          continue;
        }
        files.add(e);
        for (int s = rel.indexOf('/'); s >= 0; s = rel.indexOf('/', s + 1)) {
          dirs.add(rel.substring(0, s));
        }
      }
    }
    Files.createDirectory(target);
    for (String d : dirs) { // sorted: parents first
      Files.createDirectory(target.resolve(d));
    }
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = files.size() * t / threads;
      int to = files.size() * (t + 1) / threads;
      parts.add(pool.submit(() -> writeRange(files.subList(from, to), prefix)));
    }
    long total = 0;
    for (Future<Long> f : parts) {
      total += f.get();
    }
    return total;
  }

  private long writeRange(List<GoZipReader.Entry> entries, int prefix) throws IOException {
    byte[] buf = new byte[64 * 1024];
    MessageDigest sha = DirHash.sha256();
    long total = 0;
    try (GoZipReader z = GoZipReader.open(zip)) {
      List<GoZipReader.Entry> mine = z.entries();
      java.util.Map<String, GoZipReader.Entry> byName = new java.util.HashMap<>();
      for (GoZipReader.Entry e : mine) {
        byName.put(e.name(), e);
      }
      for (GoZipReader.Entry shared : entries) {
        GoZipReader.Entry e = byName.get(shared.name());
        sha.reset();
        try (InputStream in = z.open(e);
            FileChannel out = FileChannel.open(target.resolve(e.name().substring(prefix)),
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), READ_ONLY)) {
          ByteBuffer bb = ByteBuffer.wrap(buf);
          for (int n; (n = in.read(buf)) >= 0; ) {
            sha.update(buf, 0, n);
            bb.clear().limit(n);
            while (bb.hasRemaining()) {
              out.write(bb);
            }
            total += n;
          }
        }
        sha.digest();
      }
    }
    return total;
  }
}
