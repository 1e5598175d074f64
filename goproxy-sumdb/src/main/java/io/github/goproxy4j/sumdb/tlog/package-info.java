/**
 * Transparency-log primitives, as in golang.org/x/mod/sumdb/tlog: RFC 6962 record and node
 * hashes, the stored-hash index, tree heads, tiles (height 8, including partial and data
 * tiles), reading authenticated hashes from tiles, and record and tree (consistency) proofs.
 *
 * <pre>{@code
 * TreeHead head = TreeHead.parse(noteText);
 * RecordProof proof = RecordProof.prove(head.size(), recordId, hashReader);
 * proof.check(head.size(), head.hash(), recordId, Hash.ofRecord(record)); // throws if forged
 * }</pre>
 */
package io.github.goproxy4j.sumdb.tlog;
