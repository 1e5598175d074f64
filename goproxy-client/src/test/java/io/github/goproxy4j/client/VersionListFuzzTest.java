package io.github.goproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.module.Version;

/**
 * Fuzzes {@link VersionList}: only valid non-pseudo versions, sorted. Without {@code JAZZER_FUZZ=1} this replays the seeds under
 * {@code VersionListFuzzTestInputs/}.
 */
class VersionListFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void versionList(FuzzedDataProvider data) {
    String body = data.consumeRemainingAsString();
    VersionList.ListResult r = VersionList.parse(body);
    for (String v : r.versions()) {
      assertTrue(Version.isValid(v) && !Version.parse(v).isPseudo(), v);
    }
    for (int i = 1; i < r.versions().size(); i++) {
      assertTrue(Version.compare(r.versions().get(i - 1), r.versions().get(i)) <= 0);
    }
    VersionList.latestFromList(r.lines());
  }
}
