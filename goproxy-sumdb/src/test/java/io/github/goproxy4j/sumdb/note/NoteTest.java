package io.github.goproxy4j.sumdb.note;

import static io.github.goproxy4j.sumdb.note.NoteVectors.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.env.VerifierKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** x/mod note_test.go cases, plus the attacks the client must refuse. */
class NoteTest {
  static final String TEXT = get("text");
  static final VerifierKey PETER = VerifierKey.parse(get("peterVerifier"));
  static final VerifierKey ENOCH = VerifierKey.parse(get("enochVerifier"));

  @Test
  void signReproducesGoSignaturesExactly() {
    SignerKey peter = SignerKey.parse(get("peterSigner"));
    assertEquals(TEXT + "\n" + get("peterSig"), Note.sign(TEXT, peter));
    SignerKey enoch = SignerKey.parse(get("enochSigner"));
    assertEquals(TEXT + "\n" + get("peterSig") + get("enochSig"), Note.sign(TEXT, peter, enoch));
  }

  @Test
  void signerKeysDeriveTheirVerifierKeys() {
    assertEquals(get("peterVerifier"), SignerKey.parse(get("peterSigner")).verifierKey().toString());
    assertEquals(get("enochVerifier"), SignerKey.parse(get("enochSigner")).verifierKey().toString());
    assertEquals(get("testVerifier"), SignerKey.parse(get("testSigner")).verifierKey().toString());
    assertEquals(get("peterSigner"), SignerKey.parse(get("peterSigner")).encoded());
  }

  @Test
  void goKeysConvertToJdkKeysAndBack() throws Exception {
    VerifierKey sum = VerifierKey.parse(get("sumGolangOrg"));
    byte[] raw = HexFormat.of().parseHex(get("sumGolangOrgRawHex"));
    assertArrayEquals(raw, sum.publicKeyBytes());
    byte[] back = io.github.goproxy4j.sumdb.internal.Ed25519.rawPublicKey(
        io.github.goproxy4j.sumdb.internal.Ed25519.publicKey(raw));
    assertArrayEquals(raw, back);
    // Keys whose encoding has the x-sign bit set and clear both round-trip.
    for (String k : List.of("peterVerifier", "enochVerifier", "testVerifier", "gosumIo")) {
      byte[] pk = VerifierKey.parse(get(k)).publicKeyBytes();
      assertArrayEquals(pk, io.github.goproxy4j.sumdb.internal.Ed25519.rawPublicKey(
          io.github.goproxy4j.sumdb.internal.Ed25519.publicKey(pk)), k);
    }
  }

  @Test
  void toStringHidesThePrivateKey() {
    SignerKey k = SignerKey.parse(get("peterSigner"));
    assertFalse(k.toString().contains("AYEKF"), k.toString());
    assertTrue(k.toString().contains("PeterNeumann+c74f20a3"));
  }

  @Test
  void openVerifiesAGoodNote() {
    Note n = Note.open(TEXT + "\n" + get("peterSig"), List.of(PETER));
    assertEquals(TEXT, n.text());
    assertEquals(1, n.signatures().size());
    assertEquals("PeterNeumann", n.signatures().get(0).name());
    assertEquals(0xc74f20a3, n.signatures().get(0).keyHash());
    assertEquals(List.of(), n.unverifiedSignatures());
  }

  @Test
  void upperCaseKeyHashIsAccepted() {
    Note n = Note.open(TEXT + "\n" + get("peterSig"), List.of(VerifierKey.parse(get("peterVerifierUpper"))));
    assertEquals(1, n.signatures().size());
  }

  @Test
  void unknownSignersAreKeptUnverifiedAndMerged() {
    String enochBad = get("enochSig").substring(0, 60) + "ABCD" + get("enochSig").substring(60);
    String msg = TEXT + "\n" + get("peterSig") + get("peterSig") + get("enochSig") + get("enochSig") + enochBad;
    Note n = Note.open(msg, List.of(PETER));
    assertEquals(1, n.signatures().size());
    assertEquals(2, n.unverifiedSignatures().size());
    assertEquals("EnochRoot", n.unverifiedSignatures().get(0).name());
  }

  @Test
  void noKnownSignerIsUnverified() {
    NoteException e = assertThrows(NoteException.class,
        () -> Note.open(TEXT + "\n" + get("enochSig"), List.of(PETER)));
    assertEquals(NoteException.Reason.UNVERIFIED, e.reason());
    assertEquals("note has no verifiable signatures", e.goMessage());
    assertTrue(e.getMessage().contains("EnochRoot+af0cfe78"), e.getMessage());
    assertEquals(1, e.unverifiedNote().orElseThrow().unverifiedSignatures().size());
  }

  @Test
  void wrongKeyIsUnverified() {
    SignerKey attacker = SignerKey.generate("PeterNeumann", new SecureRandom());
    String forged = Note.sign(TEXT, attacker);
    NoteException e = assertThrows(NoteException.class, () -> Note.open(forged, List.of(PETER)));
    assertEquals(NoteException.Reason.UNVERIFIED, e.reason());
  }

  @Test
  void badSignatureFailsTheWholeNote() {
    String sig = get("peterSig");
    String bad = sig.substring(0, 60) + "ABCD" + sig.substring(60);
    NoteException e = assertThrows(NoteException.class,
        () -> Note.open(TEXT + "\n" + bad + get("enochSig"), List.of(PETER, ENOCH)));
    assertEquals(NoteException.Reason.INVALID_SIGNATURE, e.reason());
    assertEquals("invalid signature for key PeterNeumann+c74f20a3", e.getMessage());
  }

  @Test
  void signatureOverOtherTextFails() {
    String msg = TEXT.replace("answer", "ANSWER") + "\n" + get("peterSig");
    NoteException e = assertThrows(NoteException.class, () -> Note.open(msg, List.of(PETER)));
    assertEquals(NoteException.Reason.INVALID_SIGNATURE, e.reason());
  }

  @Test
  void secondSignatureBySameKeyIsNotChecked() {
    String sig = get("peterSig");
    String bad = sig.substring(0, 60) + "ABCD" + sig.substring(60);
    Note n = Note.open(TEXT + "\n" + sig + bad, List.of(PETER));
    assertEquals(1, n.signatures().size());
  }

  @Test
  void ambiguousKey() {
    NoteException e = assertThrows(NoteException.class,
        () -> Note.open(TEXT + "\n" + get("peterSig"), List.of(PETER, PETER)));
    assertEquals("ambiguous key PeterNeumann+c74f20a3", e.getMessage());
  }

  @Test
  void tooManySignatures() {
    String msg = TEXT + "\n" + get("peterSig").repeat(101);
    NoteException e = assertThrows(NoteException.class, () -> Note.open(msg, List.of(PETER)));
    assertEquals("malformed note", e.goMessage());
    assertEquals(1, Note.open(TEXT + "\n" + get("peterSig").repeat(100), List.of(PETER)).signatures().size());
  }

  @Test
  void tooLargeNote() {
    String big = "x".repeat(Note.MAX_SIZE) + "\n";
    NoteException e = assertThrows(NoteException.class,
        () -> Note.open(big + "\n" + get("peterSig"), List.of(PETER)));
    assertEquals(NoteException.Reason.MALFORMED_NOTE, e.reason());
    assertTrue(e.getMessage().contains("more than"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "TEXT", "TEXT\n", "TEXT\nSIG_NO_NL", "\u0001TEXT\nSIG", "TEXT\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
      "TEXT\nSIGUnexpected line.\n", "TEXT\n— PeterNeumann\n", "TEXT\n— PeterNeumann AAAA\n",
      "TEXT\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n",
      "TEXT\n-- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
      "TEXT\r\nSIG", ""})
  void malformedNotes(String shape) {
    String sig = get("peterSig");
    String msg = shape.replace("TEXT", TEXT).replace("SIG_NO_NL", sig.substring(0, sig.length() - 1)).replace("SIG", sig);
    NoteException e = assertThrows(NoteException.class, () -> Note.open(msg, List.of(PETER)));
    assertEquals(NoteException.Reason.MALFORMED_NOTE, e.reason(), e.getMessage());
    assertEquals("malformed note", e.goMessage());
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] text = (TEXT + "\n" + get("peterSig")).getBytes(StandardCharsets.UTF_8);
    text[0] = (byte) 0xff;
    NoteException e = assertThrows(NoteException.class, () -> Note.open(text, List.of(PETER)));
    assertEquals("malformed note", e.goMessage());
  }

  @Test
  void signKeepsOtherSignaturesAndReplacesOwn() {
    SignerKey peter = SignerKey.parse(get("peterSigner"));
    SignerKey enoch = SignerKey.parse(get("enochSigner"));
    Note n = Note.open(TEXT + "\n" + get("enochSig") + get("peterSig"), List.of(PETER));
    assertEquals(TEXT + "\n" + get("enochSig") + get("peterSig"), Note.sign(n, peter));
    assertEquals(TEXT + "\n" + get("peterSig") + get("enochSig"), Note.sign(n, enoch));
    assertThrows(NoteException.class, () -> Note.sign("no newline", peter));
  }

  @Test
  void badSignerKeys() {
    String skey = get("peterSigner");
    assertEquals("malformed verifier id", badSigner("PRIVATE+KEY+PeterNeumann+c74f20a3"));
    assertEquals("unknown verifier algorithm",
        badSigner("PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"));
    assertEquals("invalid verifier hash", badSigner(skey.replace("c74f20a3", "c74f20a4")));
    byte[] b = skey.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      for (int j = i + 1; j <= b.length; j++) {
        if (i != 0 || j != b.length) {
          String sub = new String(b, i, j - i, StandardCharsets.UTF_8);
          assertThrows(NoteException.class, () -> SignerKey.parse(sub), sub);
        }
      }
    }
    for (int i = 0; i < b.length; i++) {
      b[i]++;
      String s = new String(b, StandardCharsets.UTF_8);
      assertThrows(NoteException.class, () -> SignerKey.parse(s), s);
      b[i]--;
    }
  }

  private static String badSigner(String s) {
    return assertThrows(NoteException.class, () -> SignerKey.parse(s)).goMessage();
  }

  @Test
  void generatedKeysSignAndVerify() {
    SignerKey k = SignerKey.generate("example.com/sumdb");
    VerifierKey v = k.verifierKey();
    assertEquals(v, VerifierKey.parse(v.toString()));
    Note n = Note.open(Note.sign("hello\n", k), List.of(v));
    assertEquals("hello\n", n.text());
    assertEquals(Set.of(k.keyHash()), Set.of(n.signatures().get(0).keyHash()));
    assertEquals(k, SignerKey.parse(k.encoded()));
    assertThrows(NoteException.class, () -> SignerKey.generate("bad name"));
    assertThrows(NoteException.class, () -> SignerKey.generate("a+b"));
  }
}
