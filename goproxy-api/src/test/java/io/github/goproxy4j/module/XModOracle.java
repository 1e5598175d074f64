package io.github.goproxy4j.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.testing.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The real x/mod as an oracle: {@code tools/xmod-vectors} in oracle mode, built once per JVM in
 * GOPATH mode against Debian's x/mod, answers thousands of seeded random and mutated inputs that
 * the Java answers must match exactly.
 */
final class XModOracle {
  private static final String[] SINGLE = {
    "CheckPath", "CheckImportPath", "CheckFilePath", "EscapePath", "UnescapePath",
    "EscapeVersion", "UnescapeVersion", "SplitPathVersion", "CanonicalVersion", "IsValid",
    "Canonical", "Major", "MajorMinor", "Prerelease", "Build", "IsPseudoVersion",
    "PseudoVersionBase", "PseudoVersionTime", "PseudoVersionRev",
  };

  private static Path work;
  private static Path oracle;

  private XModOracle() {}

  private static synchronized Path work() {
    if (work == null) {
      try {
        work = Files.createTempDirectory("xmod-oracle");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path dir = work;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    }
    return work;
  }

  private static synchronized Path oracle() {
    if (oracle == null) {
      oracle = GoTool.buildXModProgram(XMod.generatorSource(), work());
    }
    return oracle;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        p.toFile().setWritable(true);
        p.toFile().delete();
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  static Stream<Long> seeds() {
    return Stream.of(1L, 20260101L, System.nanoTime() & 0xFFFF_FFFFL);
  }

  /**
   * Fails unless x/mod and Java answer alike, for the functions {@code javaClass} answers, on
   * inputs generated from {@code seed} (check {@link GoTool#assumeXMod()} first).
   */
  static void assertAgree(long seed, String javaClass) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String[]> requests = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      String s = r.nextInt(3) == 0 ? RandomInputs.any(r)
          : (r.nextBoolean() ? RandomInputs.path(r) : RandomInputs.version(r));
      for (String f : SINGLE) {
        requests.add(new String[] {f, s});
      }
      // the two-argument and pseudo-version requests follow; all are filtered by class below
      String v = RandomInputs.version(r);
      requests.add(new String[] {"Compare", v, RandomInputs.version(r)});
      requests.add(new String[] {"Compare", RandomInputs.validishVersion(r), RandomInputs.validishVersion(r)});
      requests.add(new String[] {"CheckPathMajor", v, RandomInputs.major(r)});
      requests.add(new String[] {"Check", RandomInputs.path(r), v});
      requests.add(new String[] {"Check", RandomInputs.validishPath(r), RandomInputs.validishVersion(r)});
      requests.add(new String[] {"Check", "example.com/m" + RandomInputs.major(r), v});
      if (i % 10 == 0) {
        long secs = r.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1..9999
        String older = r.nextBoolean() ? "" : RandomInputs.validishVersion(r);
        String major = r.nextBoolean() ? "" : "v" + r.nextInt(5);
        requests.add(new String[] {"PseudoVersion", major, older,
            Instant.ofEpochSecond(secs).toString(), r.nextBoolean() ? "abcdef012345" : "Z9"});
      }
    }

    requests.removeIf(q -> !XMod.javaClass(q[0]).equals(javaClass));
    StringBuilder in = new StringBuilder();
    for (String[] q : requests) {
      in.append(q[0]);
      for (int i = 1; i < q.length; i++) {
        in.append('\t').append(GoQuote.quote(q[i]));
      }
      in.append('\n');
    }
    GoTool.Result res = GoTool.exec(work(), GoTool.hermeticEnv(work()), 60,
        in.toString().getBytes(StandardCharsets.UTF_8), oracle().toString(), "oracle").requireOk();
    String[] answers = res.stdout().split("\n", -1);
    assertEquals(requests.size() + 1, answers.length, "one answer per request");

    List<String> failures = new ArrayList<>();
    for (int k = 0; k < requests.size(); k++) {
      String[] q = requests.get(k);
      String[] args = new String[q.length - 1];
      System.arraycopy(q, 1, args, 0, args.length);
      String want = answers[k];
      String got = XMod.call(q[0], args);
      if (q[0].equals("PseudoVersion") && got.startsWith("java rejects: ")) {
        assertTrue(XMod.documentedRejection(args) || !PseudoVersion.isPseudo(XMod.unquote(want)),
            () -> "seed=" + seed + ": Java rejected PseudoVersion" + List.of(args) + ", x/mod made " + want);
        continue;
      }
      if (!want.equals(got)) {
        StringBuilder line = new StringBuilder(q[0]);
        for (String a : args) {
          line.append(' ').append(GoQuote.quote(a));
        }
        failures.add(line + "\n    x/mod: " + want + "\n    java:  " + got);
      }
    }
    if (!failures.isEmpty()) {
      fail("seed=" + seed + ": " + failures.size() + " of " + requests.size() + " answers differ:\n"
          + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
    }
  }
}
