package io.github.goproxy4j.cli.template;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Go value as text/template's reflection sees it: its type (go's name for it, which execution
 * errors quote: {@code *modinfo.ModulePublic}, {@code []string}...) and its contents. Only the
 * kinds {@code go list -m}'s data and the template builtins produce: bool, int, int64, uint8,
 * float64, complex (refused), string, slices, pointers, structs and the empty interface's nil.
 * reflect's invalid value (no value) is Java's null.
 *
 * @param type the dynamic type
 * @param x the contents: Boolean, Long (every integer kind), Double, String, {@code List<GoValue>}
 *     (a slice), the pointee ({@link GoValue}, null for a nil pointer), or a {@link Struct}
 * @param addressable whether reflect could take its address (a struct reached through a pointer)
 */
record GoValue(GoType type, Object x, boolean addressable) {
  GoValue {
    Objects.requireNonNull(type, "type");
  }

  /** The kinds of go's reflect this engine meets. */
  enum Kind { BOOL, INT, UINT8, FLOAT64, COMPLEX, STRING, SLICE, POINTER, STRUCT, INTERFACE, FUNC }

  /**
   * A Go type: its kind, go's name for it and, for slices and pointers, its element type; for a
   * struct, its fields and methods ({@link Struct}).
   *
   * @param kind the kind
   * @param name go's reflect String of the type
   * @param elem the element type, or null
   * @param fields a struct type's exported field names in order, or empty
   * @param methods the methods of the type (for a pointer: of the pointer's method set)
   */
  record GoType(Kind kind, String name, GoType elem, List<String> fields, List<String> methods) {
    @Override
    public String toString() {
      return name;
    }

    boolean sameAs(GoType o) {
      return o != null && name.equals(o.name) && kind == o.kind;
    }
  }

  static final GoType BOOL = basic(Kind.BOOL, "bool");
  static final GoType INT = basic(Kind.INT, "int");
  static final GoType INT64 = basic(Kind.INT, "int64");
  static final GoType UINT8 = basic(Kind.UINT8, "uint8");
  static final GoType FLOAT64 = basic(Kind.FLOAT64, "float64");
  static final GoType COMPLEX128 = basic(Kind.COMPLEX, "complex128");
  static final GoType STRING = basic(Kind.STRING, "string");
  static final GoType STRINGS = new GoType(Kind.SLICE, "[]string", STRING, List.of(), List.of());
  /** The empty interface, as a function parameter's type ({@code ...any}). */
  static final GoType ANY = basic(Kind.INTERFACE, "interface {}");
  /** reflect.Value, as the builtins that take it name it. */
  static final GoType REFLECT_VALUE = basic(Kind.STRUCT, "reflect.Value");

  private static GoType basic(Kind k, String name) {
    return new GoType(k, name, null, List.of(), List.of());
  }

  static GoType pointerTo(GoType elem, List<String> methods) {
    return new GoType(Kind.POINTER, "*" + elem.name(), elem, List.of(), methods);
  }

  /** A struct value: its fields by name (null when it has none of that name). */
  interface Struct {
    /** The field {@code name}, or null when the struct has none. */
    GoValue field(String name);
  }

  /** A function or method: go's signature and what it does. */
  record Func(String name, List<GoType> params, boolean variadic, boolean returnsError,
      Function<List<GoValue>, GoValue> body) {}

  /** A method value the template calls ({@code .String}): the receiver's method. */
  static GoValue method(Func f) {
    return new GoValue(new GoType(Kind.FUNC, "func", null, List.of(), List.of()), f, false);
  }

  static GoValue of(boolean b) {
    return new GoValue(BOOL, b, false);
  }

  static GoValue of(String s) {
    return new GoValue(STRING, s, false);
  }

  static GoValue ofInt(long i) {
    return new GoValue(INT, i, false);
  }

  static GoValue strings(List<String> l) {
    return new GoValue(STRINGS, l.stream().map(s -> new GoValue(STRING, s, true)).toList(), false);
  }

  /**
   * A nil slice's contents: empty, and told apart from an empty slice that is not nil (fmt's
   * {@code %#v} prints {@code []string(nil)} for the one, {@code []string{}} for the other).
   */
  private static final List<GoValue> NIL_SLICE = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());

  /** An empty slice known not to be nil (go made it, as {@code -tags=} makes BuildTags). */
  private static final List<GoValue> EMPTY_SLICE = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());

  /** {@code l} as a {@code []string} known not to be nil, even when empty ({@code %#v}: {@code []string{}}). */
  static GoValue knownStrings(List<String> l) {
    return l.isEmpty() ? new GoValue(STRINGS, EMPTY_SLICE, false) : strings(l);
  }

  /** Whether this is an empty slice known not to be nil. */
  boolean isKnownEmptySlice() {
    return type.kind() == Kind.SLICE && x == EMPTY_SLICE;
  }

  /** A nil {@code []string}. */
  static GoValue nilStrings() {
    return new GoValue(STRINGS, NIL_SLICE, false);
  }

  /** {@code l} as a {@code []string} that is nil when empty (go leaves such lists unset). */
  static GoValue stringsOrNil(List<String> l) {
    return l.isEmpty() ? nilStrings() : strings(l);
  }

  /** Whether this is a slice known to be nil. */
  boolean isNilSlice() {
    return type.kind() == Kind.SLICE && x == NIL_SLICE;
  }

  Kind kind() {
    return type.kind();
  }

  boolean isNilPointer() {
    return type.kind() == Kind.POINTER && x == null;
  }

  /** The nil interface (an {@code any} holding nothing), which fmt prints {@code <nil>}. */
  boolean isNilInterface() {
    return type.kind() == Kind.INTERFACE;
  }

  /** The slice's elements. */
  @SuppressWarnings("unchecked")
  List<GoValue> elems() {
    return (List<GoValue>) x;
  }

  /** The pointee of a non-nil pointer. */
  GoValue elem() {
    return (GoValue) x;
  }

  long asLong() {
    return (Long) x;
  }

  String asString() {
    return (String) x;
  }
}
