package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.internal.GoUnicode;

/**
 * text/template's lexer (text/template/parse's lex.go): the template text as items, with go's
 * delimiters ({{ and }}), trim markers ({{- and -}}), comments and error texts. Positions are
 * indexes into the Java string ({@link Tree#location} turns them into go's byte columns).
 */
final class Lexer {
  /** An item's type, in go's order: those after KEYWORD are keywords. */
  enum Type {
    ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
    LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
    KEYWORD, BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH
  }

  /** One item: its type, start, text and the line it starts on. */
  record Item(Type type, int pos, String val, int line) {
    /** go's item.String: what a parse error says about it. */
    @Override
    public String toString() {
      if (type == Type.EOF) {
        return "EOF";
      }
      if (type == Type.ERROR) {
        return val;
      }
      if (type.compareTo(Type.KEYWORD) > 0) {
        return "<" + val + ">";
      }
      if (val.codePointCount(0, val.length()) > 10) {
        return Fmt.quote(val.substring(0, val.offsetByCodePoints(0, 10))) + "...";
      }
      return Fmt.quote(val);
    }
  }

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final int EOF_RUNE = -1;

  private final String input;
  private final int minor;
  private int pos;
  private int start;
  private boolean atEof;
  private int parenDepth;
  private int line = 1;
  private int startLine = 1;
  private boolean insideAction;
  private Item item;
  private boolean failed;
  private Item pendingError;

  /** A lexer of {@code input} as go1.{@code minor}'s. */
  Lexer(String input, int minor) {
    this.input = input;
    this.minor = minor;
  }

  private interface State {
    State run();
  }

  /** The next item; after an error, EOF for ever. */
  Item nextItem() {
    item = new Item(Type.EOF, pos, "EOF", startLine);
    if (failed) {
      if (pendingError != null) {
        item = pendingError;
        pendingError = null;
      }
      return item;
    }
    State state = insideAction ? this::lexInsideAction : this::lexText;
    while (state != null) {
      state = state.run();
    }
    return item;
  }

  private int next() {
    if (pos >= input.length()) {
      atEof = true;
      return EOF_RUNE;
    }
    int r = input.codePointAt(pos);
    pos += Character.charCount(r);
    if (r == '\n') {
      line++;
    }
    return r;
  }

  private int peek() {
    int r = next();
    backup();
    return r;
  }

  private void backup() {
    if (!atEof && pos > 0) {
      int r = input.codePointBefore(pos);
      pos -= Character.charCount(r);
      if (r == '\n') {
        line--;
      }
    }
  }

  private Item thisItem(Type t) {
    Item i = new Item(t, start, input.substring(start, pos), startLine);
    start = pos;
    startLine = line;
    return i;
  }

  private State emit(Type t) {
    return emitItem(thisItem(t));
  }

  private State emitItem(Item i) {
    item = i;
    return null;
  }

  private void ignore() {
    line += count(input.substring(start, pos));
    start = pos;
    startLine = line;
  }

  private static int count(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private boolean accept(String valid) {
    int r = next();
    if (r != EOF_RUNE && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  private void acceptRun(String valid) {
    int r;
    do {
      r = next();
    } while (r != EOF_RUNE && valid.indexOf(r) >= 0);
    backup();
  }

  private State errorf(String message) {
    item = new Item(Type.ERROR, start, message, startLine);
    failed = true;
    return null;
  }

  private State lexText() {
    int x = input.indexOf(LEFT, pos);
    if (x >= 0) {
      if (x > pos) {
        pos = x;
        int trim = 0;
        if (hasLeftTrimMarker(pos + LEFT.length())) {
          trim = rightTrimLength(input.substring(start, pos));
        }
        pos -= trim;
        line += count(input.substring(start, pos));
        Item i = thisItem(Type.TEXT);
        pos += trim;
        ignore();
        if (!i.val().isEmpty()) {
          return emitItem(i);
        }
      }
      return this::lexLeftDelim;
    }
    pos = input.length();
    if (pos > start) {
      line += count(input.substring(start, pos));
      return emit(Type.TEXT);
    }
    return emit(Type.EOF);
  }

  private static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\r' || r == '\n';
  }

  private static int rightTrimLength(String s) {
    int n = s.length();
    while (n > 0 && isSpace(s.charAt(n - 1))) {
      n--;
    }
    return s.length() - n;
  }

  private int leftTrimLength(int from) {
    int i = from;
    while (i < input.length() && isSpace(input.charAt(i))) {
      i++;
    }
    return i - from;
  }

  private boolean hasLeftTrimMarker(int at) {
    return input.length() - at >= 2 && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  private boolean hasRightTrimMarker(int at) {
    return input.length() - at >= 2 && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
  }

  /** Whether the right delimiter starts at pos ([0]) and whether with a trim marker ([1]). */
  private boolean[] atRightDelim() {
    if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
      return new boolean[] {true, true};
    }
    return new boolean[] {input.startsWith(RIGHT, pos), false};
  }

  private State lexLeftDelim() {
    pos += LEFT.length();
    boolean trim = hasLeftTrimMarker(pos);
    int afterMarker = trim ? 2 : 0;
    if (input.startsWith("/*", pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return this::lexComment;
    }
    Item i = thisItem(Type.LEFT_DELIM);
    insideAction = true;
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    return emitItem(i);
  }

  private State lexComment() {
    pos += 2;
    int x = input.indexOf("*/", pos);
    if (x < 0) {
      return errorf("unclosed comment");
    }
    pos = x + 2;
    boolean[] d = atRightDelim();
    if (!d[0]) {
      return errorf("comment ends before closing delimiter");
    }
    line += count(input.substring(start, pos));
    thisItem(Type.COMMENT);
    if (d[1]) {
      pos += 2;
    }
    pos += RIGHT.length();
    if (d[1]) {
      pos += leftTrimLength(pos);
    }
    ignore();
    return this::lexText;
  }

  private State lexRightDelim() {
    boolean trim = atRightDelim()[1];
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length();
    Item i = thisItem(Type.RIGHT_DELIM);
    if (trim) {
      pos += leftTrimLength(pos);
      ignore();
    }
    insideAction = false;
    return emitItem(i);
  }

  private State lexInsideAction() {
    if (atRightDelim()[0]) {
      if (parenDepth == 0) {
        return this::lexRightDelim;
      }
      return errorf("unclosed left paren");
    }
    int r = next();
    if (r == EOF_RUNE) {
      return errorf("unclosed action");
    }
    if (isSpace(r)) {
      backup();
      return this::lexSpace;
    }
    switch (r) {
      case '=':
        return emit(Type.ASSIGN);
      case ':':
        if (next() != '=') {
          return errorf("expected :=");
        }
        return emit(Type.DECLARE);
      case '|':
        return emit(Type.PIPE);
      case '"':
        return this::lexQuote;
      case '`':
        return this::lexRawQuote;
      case '$':
        return this::lexVariable;
      case '\'':
        return this::lexChar;
      case '(':
        parenDepth++;
        return emit(Type.LEFT_PAREN);
      case ')':
        parenDepth--;
        if (parenDepth < 0) {
          if (minor < 20) {
            // go1.19's lexer sent the paren before its error, which the parser never reads
            emit(Type.RIGHT_PAREN);
            pendingError = new Item(Type.ERROR, start, "unexpected right paren U+0029 ')'", startLine);
            failed = true;
            return null;
          }
          return errorf("unexpected right paren");
        }
        return emit(Type.RIGHT_PAREN);
      default:
        break;
    }
    if (r == '.') {
      if (pos < input.length()) {
        char c = input.charAt(pos);
        if (c < '0' || '9' < c) {
          return this::lexField;
        }
      }
      backup();
      return this::lexNumber;
    }
    if (r == '+' || r == '-' || ('0' <= r && r <= '9')) {
      backup();
      return this::lexNumber;
    }
    if (isAlphaNumeric(r)) {
      backup();
      return this::lexIdentifier;
    }
    if (r <= 0x7F && GoUnicode.isPrint(r)) {
      return emit(Type.CHAR);
    }
    return errorf("unrecognized character in action: " + Fmt.unicodeFormat(r));
  }

  private State lexSpace() {
    int spaces = 0;
    while (isSpace(peek())) {
      next();
      spaces++;
    }
    if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos - 1 + 2)) {
      backup();
      if (spaces == 1) {
        return this::lexRightDelim;
      }
    }
    return emit(Type.SPACE);
  }

  private State lexIdentifier() {
    while (true) {
      int r = next();
      if (isAlphaNumeric(r)) {
        continue;
      }
      backup();
      String word = input.substring(start, pos);
      if (!atTerminator()) {
        return errorf("bad character " + Fmt.unicodeFormat(r));
      }
      Type key = keyword(word);
      if (key != null) {
        return emit(key);
      }
      if (word.charAt(0) == '.') {
        return emit(Type.FIELD);
      }
      if (word.equals("true") || word.equals("false")) {
        return emit(Type.BOOL);
      }
      return emit(Type.IDENTIFIER);
    }
  }

  private static Type keyword(String word) {
    switch (word) {
      case ".": return Type.DOT;
      case "block": return Type.BLOCK;
      case "break": return Type.BREAK;
      case "continue": return Type.CONTINUE;
      case "define": return Type.DEFINE;
      case "else": return Type.ELSE;
      case "end": return Type.END;
      case "if": return Type.IF;
      case "range": return Type.RANGE;
      case "nil": return Type.NIL;
      case "template": return Type.TEMPLATE;
      case "with": return Type.WITH;
      default: return null;
    }
  }

  private State lexField() {
    return lexFieldOrVariable(Type.FIELD);
  }

  private State lexVariable() {
    if (atTerminator()) {
      return emit(Type.VARIABLE);
    }
    return lexFieldOrVariable(Type.VARIABLE);
  }

  private State lexFieldOrVariable(Type t) {
    if (atTerminator()) {
      return emit(t == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
    }
    int r;
    while (true) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) {
      return errorf("bad character " + Fmt.unicodeFormat(r));
    }
    return emit(t);
  }

  private boolean atTerminator() {
    int r = peek();
    if (isSpace(r)) {
      return true;
    }
    switch (r) {
      case EOF_RUNE: case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
      default:
        return input.startsWith(RIGHT, pos);
    }
  }

  private State lexChar() {
    return lexEscaped('\'', Type.CHAR_CONSTANT, "unterminated character constant");
  }

  /**
   * The rest of a quoted token whose opening quote was read (lexQuote and lexChar): a backslash
   * escapes the next rune, a newline or the end ends it with {@code unterminated}, {@code close}
   * emits it as {@code type}.
   */
  private State lexEscaped(int close, Type type, String unterminated) {
    while (true) {
      int r = next();
      if (r == '\\') {
        r = next();
        if (r != EOF_RUNE && r != '\n') {
          continue;
        }
      }
      if (r == EOF_RUNE || r == '\n') {
        return errorf(unterminated);
      }
      if (r == close) {
        return emit(type);
      }
    }
  }

  private State lexNumber() {
    if (!scanNumber()) {
      return errorf("bad number syntax: " + Fmt.quote(input.substring(start, pos)));
    }
    int sign = peek();
    if (sign == '+' || sign == '-') {
      if (!scanNumber() || input.charAt(pos - 1) != 'i') {
        return errorf("bad number syntax: " + Fmt.quote(input.substring(start, pos)));
      }
      return emit(Type.COMPLEX);
    }
    return emit(Type.NUMBER);
  }

  private boolean scanNumber() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  }

  private State lexQuote() {
    return lexEscaped('"', Type.STRING, "unterminated quoted string");
  }

  private State lexRawQuote() {
    while (true) {
      int r = next();
      if (r == EOF_RUNE) {
        return errorf("unterminated raw quoted string");
      }
      if (r == '`') {
        return emit(Type.RAW_STRING);
      }
    }
  }

  static boolean isAlphaNumeric(int r) {
    return r == '_' || (r >= 0 && (GoUnicode.isLetter(r) || Character.getType(r) == Character.DECIMAL_DIGIT_NUMBER));
  }
}
