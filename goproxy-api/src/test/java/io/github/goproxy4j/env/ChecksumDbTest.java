package io.github.goproxy4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ChecksumDb: the GOSUMDB value as the go command reads it. */
class ChecksumDbTest {
  private static final String KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

  /** Issue 14 defect 2: toString printed the URL's password. */
  @Test
  void toStringHidesThePasswordAsGoRedacted() {
    ChecksumDb db = ChecksumDb.parse("sum.golang.org https://alice:s3cret@sumdb.example.com");
    assertEquals(KEY + " https://alice:xxxxx@sumdb.example.com", db.toString());
    // The URL itself keeps the credentials: they are sent to the database.
    assertEquals("alice:s3cret", db.url().orElseThrow().getUserInfo());
  }

  @Test
  void toStringIsTheGosumdbForm() {
    assertEquals(KEY, ChecksumDb.parse("sum.golang.org").toString());
    assertEquals(KEY + " https://sum.golang.google.cn", ChecksumDb.parse("sum.golang.google.cn").toString());
  }

  /** A URL without a scheme parses as an opaque URI (scheme "alice"): its password is still hidden. */
  @Test
  void toStringHidesThePasswordOfAUrlWithoutScheme() {
    ChecksumDb db = ChecksumDb.parse("sum.golang.org alice:s3cret@sumdb.example.com/p");
    assertEquals(KEY + " alice:xxxxx@sumdb.example.com/p", db.toString());
  }
}
