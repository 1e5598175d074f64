package io.github.goproxy4j.sumdb.note;

import io.github.goproxy4j.env.VerifierKey;
import io.github.goproxy4j.internal.GoBase64;
import io.github.goproxy4j.internal.GoQuote;
import io.github.goproxy4j.internal.GoUtf8;
import io.github.goproxy4j.internal.NoteKeys;
import io.github.goproxy4j.sumdb.internal.Ed25519;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A signed note, as x/mod's {@code sumdb/note}: a UTF-8 text, a blank line, and signature lines
 * {@code — <name> <base64(keyhash || signature)>}. {@link #open} verifies a note exactly as Go's
 * {@code note.Open}: at least one signature by a known key must verify, a bad signature by a known
 * key fails the whole note, signatures by unknown keys are kept as unverified.
 *
 * <pre>{@code
 * VerifierKey key = VerifierKey.parse("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
 * Note note = Note.open(responseBytes, List.of(key));   // throws NoteException if not verified
 * TreeHead tree = TreeHead.parse(note.text());
 * }</pre>
 */
public final class Note {
  /**
   * The largest message {@link #open} accepts: 1 MiB. (Go's note package has no limit; the only
   * notes Go verifies are tree heads, whose text Go limits to 10^6 bytes.)
   */
  public static final int MAX_SIZE = 1 << 20;

  /** The most signature lines {@link #open} accepts, as Go. */
  public static final int MAX_SIGNATURES = 100;

  private static final String SIG_PREFIX = "\u2014 ";

  private final String text;
  private final List<Signature> signatures;
  private final List<Signature> unverified;

  private Note(String text, List<Signature> signatures, List<Signature> unverified) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
    this.unverified = List.copyOf(unverified);
  }

  /** {@return the signed text, including its final newline} */
  public String text() {
    return text;
  }

  /** {@return the verified signatures, in order} */
  public List<Signature> signatures() {
    return signatures;
  }

  /** {@return the signatures by unknown keys, in order, duplicates removed} */
  public List<Signature> unverifiedSignatures() {
    return unverified;
  }

  /**
   * Verifies a signed note given as text.
   *
   * @param message the note; {@code null} is rejected as malformed, with the exception below
   * @param known the keys to trust
   * @return the verified note
   * @throws NoteException as {@link #open(byte[], Collection)}
   */
  public static Note open(String message, Collection<VerifierKey> known) {
    Objects.requireNonNull(known, "known");
    if (message == null) {
      throw malformed("no message");
    }
    return open(message.getBytes(StandardCharsets.UTF_8), known);
  }

  /**
   * Verifies a signed note, as Go's {@code note.Open}.
   *
   * @param message the note bytes; {@code null} is rejected as malformed, with the exception below
   * @param known the keys to trust
   * @return the note with its verified and unverified signatures
   * @throws NoteException {@code malformed note}, {@code invalid signature for key NAME+HASH},
   *     {@code ambiguous key NAME+HASH}, or {@code note has no verifiable signatures} (then
   *     {@link NoteException#unverifiedNote()} names the signers)
   */
  public static Note open(byte[] message, Collection<VerifierKey> known) {
    Objects.requireNonNull(known, "known");
    if (message == null) {
      throw malformed("no message");
    }
    if (message.length > MAX_SIZE) {
      throw malformed("note is " + message.length + " bytes, more than " + MAX_SIZE);
    }
    String msg = GoUtf8.decode(message).orElseThrow(() -> malformed("not valid UTF-8"));
    for (int i = 0; i < msg.length(); i++) {
      char c = msg.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw malformed(String.format("control character U+%04X at offset %d", (int) c, i));
      }
    }
    int split = msg.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("no blank line before the signatures");
    }
    String text = msg.substring(0, split + 1);
    String sigs = msg.substring(split + 2);
    if (sigs.isEmpty() || sigs.charAt(sigs.length() - 1) != '\n') {
      throw malformed(sigs.isEmpty() ? "no signatures" : "signature block does not end in a newline");
    }
    Map<String, List<VerifierKey>> byId = new HashMap<>();
    if (known != null) {
      for (VerifierKey k : known) {
        Objects.requireNonNull(k, "verifier key");
        byId.computeIfAbsent(id(k.name(), k.keyHash()), x -> new ArrayList<>()).add(k);
      }
    }
    byte[] signed = text.getBytes(StandardCharsets.UTF_8);
    List<Signature> verified = new ArrayList<>();
    List<Signature> unverified = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> seenUnverified = new HashSet<>();
    int numSig = 0;
    int lineNo = 0;
    for (int start = 0; start < sigs.length(); ) {
      int nl = sigs.indexOf('\n', start);
      String line = sigs.substring(start, nl);
      start = nl + 1;
      lineNo++;
      if (!line.startsWith(SIG_PREFIX)) {
        throw malformed("signature line " + lineNo + " does not start with \"\u2014 \"");
      }
      String rest = line.substring(SIG_PREFIX.length());
      int sp = rest.indexOf(' ');
      String name = sp < 0 ? rest : rest.substring(0, sp);
      String b64 = sp < 0 ? "" : rest.substring(sp + 1);
      byte[] sig = GoBase64.decode(b64).orElse(null);
      if (sig == null || !NoteKeys.isValidName(name) || b64.isEmpty() || sig.length < 5) {
        throw malformed("signature line " + lineNo + " is not \"\u2014 <name> <base64>\"");
      }
      int hash = ByteBuffer.wrap(sig, 0, 4).getInt();
      byte[] raw = Arrays.copyOfRange(sig, 4, sig.length);
      if (++numSig > MAX_SIGNATURES) {
        throw malformed("more than " + MAX_SIGNATURES + " signatures");
      }
      String id = id(name, hash);
      List<VerifierKey> keys = byId.get(id);
      if (keys == null) {
        if (seenUnverified.add(rest)) {
          unverified.add(new Signature(name, hash, b64));
        }
        continue;
      }
      if (keys.size() > 1) {
        throw new NoteException(NoteException.Reason.AMBIGUOUS_KEY, "ambiguous key " + id, null, null);
      }
      VerifierKey v = keys.get(0);
      if (!v.name().equals(name) || v.keyHash() != hash) {
        throw new NoteException(NoteException.Reason.MISMATCHED_VERIFIER,
            "verifier name or hash doesn't match signature", null, null);
      }
      if (!seen.add(id)) {
        continue;
      }
      if (!Ed25519.verify(v.publicKeyBytes(), signed, raw)) {
        throw new NoteException(NoteException.Reason.INVALID_SIGNATURE, "invalid signature for key " + id,
            null, null);
      }
      verified.add(new Signature(name, hash, b64));
    }
    Note note = new Note(text, verified, unverified);
    if (verified.isEmpty()) {
      StringBuilder detail = new StringBuilder();
      for (Signature s : unverified) {
        detail.append(detail.length() == 0 ? "signed by unknown key " : ", ").append(s.keyId());
      }
      throw new NoteException(NoteException.Reason.UNVERIFIED, "note has no verifiable signatures",
          detail.toString(), note);
    }
    return note;
  }

  private static String id(String name, int hash) {
    return name + "+" + String.format("%08x", hash);
  }

  private static NoteException malformed(String detail) {
    return new NoteException(NoteException.Reason.MALFORMED_NOTE, "malformed note", detail, null);
  }

  /**
   * Signs a text, as Go's {@code note.Sign} of a note without signatures.
   *
   * @param text the text; must end in a newline
   * @param signers the keys to sign with, in order
   * @return the signed note: text, blank line, one signature line per signer
   * @throws NoteException {@code malformed note} or {@code invalid signer}
   */
  public static String sign(String text, SignerKey... signers) {
    Objects.requireNonNull(signers, "signers");
    return sign(new Note(Objects.requireNonNull(text, "text"), List.of(), List.of()), signers);
  }

  /**
   * Signs a note, keeping its existing signatures (except those by the new signers' keys), as
   * Go's {@code note.Sign}.
   *
   * @param note the note to sign
   * @param signers the keys to sign with, in order
   * @return the signed note
   * @throws NoteException {@code malformed note} or {@code invalid signer}
   */
  public static String sign(Note note, SignerKey... signers) {
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(signers, "signers");
    if (!note.text.endsWith("\n")) {
      throw malformed("text does not end in a newline");
    }
    byte[] text = note.text.getBytes(StandardCharsets.UTF_8);
    StringBuilder newSigs = new StringBuilder();
    Set<String> have = new HashSet<>();
    for (SignerKey s : signers) {
      Objects.requireNonNull(s, "signer");
      have.add(id(s.name(), s.keyHash()));
      byte[] sig = s.sign(text);
      byte[] all = ByteBuffer.allocate(4 + sig.length).putInt(s.keyHash()).put(sig).array();
      newSigs.append(SIG_PREFIX).append(s.name()).append(' ').append(GoBase64.encode(all)).append('\n');
    }
    StringBuilder out = new StringBuilder(note.text).append('\n');
    List<Signature> old = new ArrayList<>(note.signatures);
    old.addAll(note.unverified);
    for (Signature s : old) {
      if (!NoteKeys.isValidName(s.name())) {
        throw malformed("signature name " + GoQuote.quoteCut(s.name()) + " is not valid");
      }
      if (have.contains(id(s.name(), s.keyHash()))) {
        continue;
      }
      byte[] raw = GoBase64.decode(s.base64()).orElse(null);
      if (raw == null || raw.length < 4 || ByteBuffer.wrap(raw, 0, 4).getInt() != s.keyHash()) {
        throw malformed("signature by " + s.keyId() + " does not start with its key hash");
      }
      out.append(SIG_PREFIX).append(s.name()).append(' ').append(s.base64()).append('\n');
    }
    return out.append(newSigs).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Note && ((Note) o).text.equals(text) && ((Note) o).signatures.equals(signatures)
        && ((Note) o).unverified.equals(unverified);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, signatures, unverified);
  }

  @Override
  public String toString() {
    return "Note[text=" + GoQuote.quoteCut(text) + ", signatures=" + signatures + ", unverified=" + unverified + "]";
  }
}
