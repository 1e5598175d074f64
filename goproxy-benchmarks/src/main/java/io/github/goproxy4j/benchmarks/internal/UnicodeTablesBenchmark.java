package io.github.goproxy4j.benchmarks.internal;

import io.github.goproxy4j.internal.UnicodeTables;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Go's Unicode tables ({@code internal.UnicodeTables}: a Latin-1 bitmap, then a binary search)
 * against the JDK's {@link Character} tables that the Go rules used before, per lookup, on
 * 4096 seeded random non-Latin-1 code points from the scripts file names use (CJK, Hangul,
 * Cyrillic, Greek, Arabic, Latin Extended, supplementary CJK).
 *
 * <pre>
 * java -jar goproxy-benchmarks/target/goproxy-benchmarks.jar UnicodeTablesBenchmark -f 1 -wi 5 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UnicodeTablesBenchmark {
  private static final int[][] BLOCKS = {
    {0x0100, 0x024F}, {0x0370, 0x03FF}, {0x0400, 0x04FF}, {0x0600, 0x06FF},
    {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0x20000, 0x2A6DF}, {0x1C80, 0x1C8F},
  };

  private final int[] runes = new int[4096];
  private final UnicodeTables tables = UnicodeTables.forGoMinor(27);
  private int i;

  /** Draws the code points (seed 1). */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < runes.length; k++) {
      int[] b = BLOCKS[r.nextInt(BLOCKS.length)];
      runes[k] = r.nextInt(b[0], b[1] + 1);
    }
  }

  /**
   * unicode.IsLetter from Go's tables.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public boolean isLetterGoTables() {
    return tables.isLetter(runes[i++ & 4095]);
  }

  /**
   * The former path: {@code Character.isLetter}.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public boolean isLetterCharacter() {
    return Character.isLetter(runes[i++ & 4095]);
  }

  /**
   * The fold-class representative from Go's SimpleFold orbits.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public int foldGoTables() {
    return tables.orbitMin(runes[i++ & 4095]);
  }

  /**
   * The former path: {@code toLowerCase(toUpperCase(r))}.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public int foldCharacter() {
    int r = runes[i++ & 4095];
    return Character.toLowerCase(Character.toUpperCase(r));
  }

  /**
   * strconv.IsPrint from Go's tables.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public boolean isPrintGoTables() {
    return tables.strconvIsPrint(runes[i++ & 4095]);
  }

  /**
   * The former path: {@code Character.getType} and a switch over the printable categories.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public boolean isPrintCharacter() {
    switch (Character.getType(runes[i++ & 4095])) {
      case Character.CONTROL: case Character.FORMAT: case Character.SURROGATE:
      case Character.PRIVATE_USE: case Character.UNASSIGNED: case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR: case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
