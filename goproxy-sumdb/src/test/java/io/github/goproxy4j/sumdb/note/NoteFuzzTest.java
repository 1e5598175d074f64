package io.github.goproxy4j.sumdb.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.goproxy4j.env.VerifierKey;
import java.util.List;

/**
 * Fuzzes note verification and signer-key parsing: only {@link NoteException} escapes, with one
 * of Go's messages; an opened note's text is a prefix of the input. Without {@code JAZZER_FUZZ=1}
 * this replays the seeds under {@code NoteFuzzTestInputs/}.
 */
class NoteFuzzTest {
  static final VerifierKey PETER = VerifierKey.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  static final List<String> GO_MESSAGES = List.of("malformed note", "note has no verifiable signatures",
      "invalid signature for key PeterNeumann+c74f20a3", "verifier name or hash doesn't match signature");

  @FuzzTest(maxDuration = "30s")
  void open(byte[] data) {
    Note n;
    try {
      n = Note.open(data, List.of(PETER));
    } catch (NoteException e) {
      assertTrue(GO_MESSAGES.contains(e.goMessage()), e.goMessage());
      return;
    }
    assertFalse(n.signatures().isEmpty());
    assertTrue(new String(data, java.nio.charset.StandardCharsets.UTF_8).startsWith(n.text() + "\n"));
  }

  @FuzzTest(maxDuration = "30s")
  void signerKey(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    SignerKey k;
    try {
      k = SignerKey.parse(s);
    } catch (NoteException e) {
      assertEquals(NoteException.Reason.MALFORMED_KEY, e.reason());
      assertTrue(List.of("malformed verifier id", "invalid verifier hash", "unknown verifier algorithm")
          .contains(e.goMessage()), e.goMessage());
      return;
    }
    assertEquals(k, SignerKey.parse(k.encoded()));
  }
}
