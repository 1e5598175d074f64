package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code @v/list} read with go's rules (spec go-proxy-semantics §5, observed on go1.19). */
class VersionListTest {

  @Test
  void keepsFirstFieldOfValidNonPseudoLinesAsWrittenAndSorts() {
    VersionList.ListResult r = VersionList.parse(
        "v1.1\r\nv1.0.0 2019-01-01T00:00:00Z extra\n\nnot-a-version\nv0.0.0-20190101000000-abcdefabcdef\n"
            + "v1.0.0+meta\nv2.0.0\n  v1.2.0-rc.1  \n1.2.3\nv1.0.0\n");
    assertEquals(List.of("v1.0.0", "v1.0.0", "v1.0.0+meta", "v1.1", "v1.2.0-rc.1", "v2.0.0"),
        r.versions().stream().sorted((a, b) -> {
          int c = io.github.goproxy4j.module.Version.compare(a, b);
          return c != 0 ? c : a.compareTo(b);
        }).toList());
    assertEquals(r.versions().size(), 6);
  }

  @Test
  void emptyBodyGivesNoVersions() {
    assertEquals(List.of(), VersionList.parse("").versions());
  }

  @Test
  void latestFromListUsesTimestampsThenPseudoTimesAndIgnoresUntimedTags() {
    List<String> lines = List.of(
        "v1.0.0",
        "v0.0.0-20200101000000-abcdefabcdef",
        "v0.0.0-20210101000000-abcdefabcdef",
        "v1.1.0 bad-time");
    assertEquals(Optional.of("v0.0.0-20210101000000-abcdefabcdef"), VersionList.latestFromList(lines));
    assertEquals(Optional.of("v1.2.0"), VersionList.latestFromList(List.of(
        "v1.1.0 2020-01-01T00:00:00Z", "v1.2.0 2021-01-01T00:00:00+01:00",
        "v0.0.0-20200601000000-abcdefabcdef")));
    assertEquals(Optional.empty(), VersionList.latestFromList(List.of("v1.0.0", "v1.1.0")));
  }
}
