package io.github.goproxy4j.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GoSum against the real go command: go.sum as go writes it is what {@link GoSum#format()} gives. */
class GoSumInteropTest {

  @Test
  void formatGivesGoBytesFromLinesInAnyOrder(@TempDir Path work) throws IOException {
    String goWrote = ModuleHashInteropTest.tidy(work).goSum();
    // any order, duplicates and blank lines in; go's bytes out.
    List<String> lines = new ArrayList<>(Arrays.asList(goWrote.split("\n")));
    lines.addAll(lines.subList(0, 2));
    lines.add("");
    Collections.shuffle(lines, new Random(7));
    assertEquals(goWrote, GoSum.parse(String.join("\n", lines)).format());
  }
}
