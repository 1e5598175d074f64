/**
 * Signed notes, as in golang.org/x/mod/sumdb/note: the text format the checksum database signs
 * its tree heads with, Ed25519 signer and verifier keys, and Go's verification rules.
 *
 * <pre>{@code
 * SignerKey signer = SignerKey.generate("sum.example.com");
 * String signed = Note.sign("hello\n", signer);
 * Note note = Note.open(signed, List.of(signer.verifierKey()));
 * }</pre>
 */
package io.github.goproxy4j.sumdb.note;
