/**
 * Signed notes, as in golang.org/x/mod/sumdb/note.
 */
package io.github.goproxy4j.sumdb.note;
