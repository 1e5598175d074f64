package io.github.goproxy4j.sumdb.note;

import java.util.Optional;

/**
 * A signed note that cannot be accepted: malformed, signed with a bad signature, signed by no
 * known key, or a signer key that cannot be used. {@link #goMessage()} is Go's exact text
 * (x/mod's {@code sumdb/note} errors); the message may add what was wrong.
 */
public class NoteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a note or key was refused. */
  public enum Reason {
    /** {@code malformed note}: bad UTF-8, control characters, no signature block, bad line. */
    MALFORMED_NOTE,
    /** {@code invalid signature for key NAME+HASH}: a known key's signature does not verify. */
    INVALID_SIGNATURE,
    /** {@code verifier name or hash doesn't match signature}. */
    MISMATCHED_VERIFIER,
    /** {@code ambiguous key NAME+HASH}: two verifier keys with the same name and hash. */
    AMBIGUOUS_KEY,
    /** {@code note has no verifiable signatures}: no signature by a known key. */
    UNVERIFIED,
    /** {@code invalid signer}: a signer whose name is not valid. */
    INVALID_SIGNER,
    /** {@code malformed verifier id}, {@code invalid verifier hash} or {@code unknown verifier
     * algorithm}: a signer key string that cannot be parsed. */
    MALFORMED_KEY
  }

  private final Reason reason;
  private final String goMessage;
  private final transient Note note;

  NoteException(Reason reason, String goMessage, String detail, Note note) {
    super(detail == null || detail.isEmpty() ? goMessage : goMessage + ": " + detail);
    this.reason = reason;
    this.goMessage = goMessage;
    this.note = note;
  }

  /** {@return why the note or key was refused} */
  public Reason reason() {
    return reason;
  }

  /** {@return Go's exact error text, such as {@code malformed note}} */
  public String goMessage() {
    return goMessage;
  }

  /**
   * For {@link Reason#UNVERIFIED}: the parsed note with its unverified signatures (as Go's
   * {@code UnverifiedNoteError.Note}), so that a caller can name the signers it does not know.
   *
   * @return the note, when the reason is {@link Reason#UNVERIFIED}
   */
  public Optional<Note> unverifiedNote() {
    return Optional.ofNullable(note);
  }
}
