package io.github.goproxy4j.cli.template;

import io.github.goproxy4j.cli.template.GoValue.Func;
import io.github.goproxy4j.cli.template.GoValue.GoType;
import io.github.goproxy4j.cli.template.GoValue.Kind;
import io.github.goproxy4j.client.ListedModule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listed module as {@code go list -m -f} hands it to its template: a {@code *modinfo.ModulePublic}
 * (cmd/go's modinfo.ModulePublic, the struct {@code -json} prints) over the values of a
 * {@link ListedModule}, with the fields of go1.{@code minor} (Sum and GoModSum from go1.23), its
 * String method ({@code {{.}}}, {@code {{.Replace}}}), Error as {@code *modinfo.ModuleError} (field
 * Err, no String method: printed {@code {text}}) and Time as {@code *time.Time} (printed by its
 * String method).
 */
final class ModulePublic implements GoValue.Struct {
  static final List<String> TIME_METHODS = List.of("Add", "AddDate", "After", "AppendBinary", "AppendFormat",
      "AppendText", "Before", "Clock", "Compare", "Date", "Day", "Equal", "Format", "GoString", "GobDecode",
      "GobEncode", "Hour", "ISOWeek", "In", "IsDST", "IsZero", "Local", "Location", "MarshalBinary", "MarshalJSON",
      "MarshalText", "Minute", "Month", "Nanosecond", "Round", "Second", "String", "Sub", "Truncate", "UTC", "Unix",
      "UnixMicro", "UnixMilli", "UnixNano", "UnmarshalBinary", "UnmarshalJSON", "UnmarshalText", "Weekday", "Year",
      "YearDay", "Zone", "ZoneBounds");
  private static final GoType TIME = new GoType(Kind.STRUCT, "time.Time", null, List.of(), TIME_METHODS);
  static final GoType TIME_PTR = GoValue.pointerTo(TIME, TIME_METHODS);
  private static final GoType ERROR = new GoType(Kind.STRUCT, "modinfo.ModuleError", null, List.of("Err"), List.of());
  static final GoType ERROR_PTR = GoValue.pointerTo(ERROR, List.of("UnmarshalJSON"));
  private static final List<String> ORIGIN_FIELDS = List.of("VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum",
      "Ref", "RepoSum");
  private static final GoType ORIGIN = new GoType(Kind.STRUCT, "codehost.Origin", null, ORIGIN_FIELDS, List.of());
  static final GoType ORIGIN_PTR = GoValue.pointerTo(ORIGIN, List.of("Checkable", "ClearCheckable"));

  private final ListedModule m;
  private final int minor;
  private final Map<String, GoValue> fields = new LinkedHashMap<>();

  private ModulePublic(ListedModule m, int minor, boolean versionsListed, java.time.ZoneId localZone) {
    this.m = m;
    this.minor = minor;
    fields.put("Path", GoValue.of(m.path()));
    fields.put("Version", GoValue.of(m.version()));
    fields.put("Query", GoValue.of(m.query()));
    // go sets Versions only under -versions (then an empty, non-nil list when the proxy lists none)
    fields.put("Versions", versionsListed ? GoValue.strings(m.versions()) : GoValue.stringsOrNil(m.versions()));
    fields.put("Replace", m.replace().map(r -> pointer(r, minor, false, localZone)).orElse(nil(type(minor))));
    fields.put("Time", m.time().map(t -> time(t, parsed(t, m.timeNumericZeroOffset(), localZone)))
        .orElse(new GoValue(TIME_PTR, null, true)));
    fields.put("Update", m.update().map(r -> pointer(r, minor, false, localZone)).orElse(nil(type(minor))));
    fields.put("Main", GoValue.of(m.main()));
    fields.put("Indirect", GoValue.of(m.indirect()));
    fields.put("Dir", GoValue.of(m.dir()));
    fields.put("GoMod", GoValue.of(m.goMod()));
    fields.put("GoVersion", GoValue.of(m.goVersion()));
    fields.put("Retracted", GoValue.stringsOrNil(m.retracted())); // addRetraction sets it when retracted
    fields.put("Deprecated", GoValue.of(m.deprecated()));
    fields.put("Error", m.error().isEmpty() ? new GoValue(ERROR_PTR, null, true)
        : new GoValue(ERROR_PTR, new GoValue(ERROR, (GoValue.Struct) n -> n.equals("Err") ? GoValue.of(m.error()) : null,
            true), true));
    if (minor >= 23) {
      fields.put("Sum", GoValue.of(m.sum()));
      fields.put("GoModSum", GoValue.of(m.goModSum()));
    }
    fields.put("Origin", new GoValue(ORIGIN_PTR, m.origin().isPresent() ? new Opaque() : null, true));
    fields.put("Reuse", GoValue.of(false));
    fields.replaceAll((k, v) -> new GoValue(v.type(), v.x(), true));
  }

  /** A non-nil Origin: goproxy does not model its contents in templates. */
  static final class Opaque {}

  private static final List<String> FIELDS_19 = List.of("Path", "Version", "Query", "Versions", "Replace", "Time",
      "Update", "Main", "Indirect", "Dir", "GoMod", "GoVersion", "Retracted", "Deprecated", "Error", "Origin", "Reuse");

  /** modinfo.ModulePublic of go1.{@code minor}. */
  static GoType type(int minor) {
    List<String> f = new ArrayList<>(FIELDS_19);
    if (minor >= 23) {
      f.addAll(15, List.of("Sum", "GoModSum"));
    }
    return new GoType(Kind.STRUCT, "modinfo.ModulePublic", null, List.copyOf(f), List.of());
  }

  /** {@code *modinfo.ModulePublic}'s type of go1.{@code minor}. */
  static GoType pointerType(int minor) {
    return GoValue.pointerTo(type(minor), List.of("String"));
  }

  private static GoValue nil(GoType structType) {
    return new GoValue(GoValue.pointerTo(structType, List.of("String")), null, true);
  }

  /**
   * {@code m} as go1.{@code minor}'s {@code *modinfo.ModulePublic}.
   *
   * @param m the module
   * @param minor the release's minor version
   * @return the pointer
   */
  static GoValue pointer(ListedModule m, int minor) {
    return pointer(m, minor, false);
  }

  /**
   * {@code m} as go1.{@code minor}'s {@code *modinfo.ModulePublic}, listed with {@code -versions}
   * or not (which decides whether an empty Versions is a nil slice).
   *
   * @param m the module
   * @param minor the release's minor version
   * @param versionsListed whether go list ran with {@code -versions}
   * @return the pointer
   */
  static GoValue pointer(ListedModule m, int minor, boolean versionsListed) {
    return pointer(m, minor, versionsListed, null);
  }

  /**
   * {@code m} as go1.{@code minor}'s {@code *modinfo.ModulePublic}, listed with {@code -versions}
   * or not, in go's local zone {@code localZone} (null: not known), where a time the proxy wrote
   * with a numeric zero offset in this run gets the location go's time.Parse gives it.
   *
   * @param m the module
   * @param minor the release's minor version
   * @param versionsListed whether go list ran with {@code -versions}
   * @param localZone go's local zone, or null
   * @return the pointer
   */
  static GoValue pointer(ListedModule m, int minor, boolean versionsListed, java.time.ZoneId localZone) {
    return new GoValue(pointerType(minor), new GoValue(type(minor), new ModulePublic(m, minor, versionsListed, localZone),
        true), false);
  }

  @Override
  public GoValue field(String name) {
    return fields.get(name);
  }

  /** The module's String method: go list -m's line. */
  String string() {
    return m.toString();
  }

  int minor() {
    return minor;
  }

  /** The struct's String method of a pointer to {@code v}, for fmt: go's text form. */
  static Func stringMethod(ModulePublic p) {
    return new Func("String", List.of(), false, false, a -> GoValue.of(p.string()));
  }

  /** A {@code *time.Time} pointing at {@code t} (go's time from the .info, printed by time.Time's String). */
  static GoValue time(OffsetDateTime t) {
    return time(t, Loc.BY_OFFSET);
  }

  /** A {@code *time.Time} pointing at {@code t} in go's location {@code loc}. */
  static GoValue time(OffsetDateTime t, Loc loc) {
    return new GoValue(TIME_PTR, new GoValue(TIME, new TimeValue(t, loc), true), true);
  }

  /**
   * The location go's time.Parse gives {@code t} in local zone {@code local} (null: not known,
   * then by the offset): a time written with a numeric offset ({@code numericZero} for a zero one,
   * every non-zero one) is in the local zone where that zone's offset is the time's then (UTC:
   * {@link Loc#LOCAL_UTC}; another zone, whose abbreviation goproxy does not know:
   * {@link Loc#LOCAL_OTHER}), else in an unnamed fixed zone; a {@code Z} time is UTC.
   */
  static Loc parsed(OffsetDateTime t, boolean numericZero, java.time.ZoneId local) {
    int off = t.getOffset().getTotalSeconds();
    if (local == null || off == 0 && !numericZero) {
      return Loc.BY_OFFSET;
    }
    java.time.zone.ZoneRules r = local.getRules();
    if (r.getOffset(t.toInstant()).getTotalSeconds() != off) {
      return off == 0 ? Loc.UNNAMED : Loc.BY_OFFSET;
    }
    return r.isFixedOffset() && off == 0 ? Loc.LOCAL_UTC : Loc.LOCAL_OTHER;
  }

  /** A time's location as goproxy knows it. */
  enum Loc {
    /** UTC for a zero offset (go's {@code Z} time), else an unnamed fixed zone. */
    BY_OFFSET,
    /** go's time.Local, the local zone being UTC: named {@code UTC}, {@code %#v} {@code time.Local}. */
    LOCAL_UTC,
    /** go's time.Local in a zone whose abbreviation goproxy does not know: refused where printed. */
    LOCAL_OTHER,
    /** An unnamed fixed zone ({@code time.Location("")}, {@code +0000 +0000}) whatever the offset. */
    UNNAMED
  }

  /**
   * time.Time's contents.
   *
   * @param t the time and its offset
   * @param loc its location in go
   */
  record TimeValue(OffsetDateTime t, Loc loc) implements GoValue.Struct {
    /** The zone's name as Format's {@code MST} and String print it ({@code ""}: the offset). */
    String zoneName() {
      switch (loc) {
        case LOCAL_UTC: return "UTC";
        case UNNAMED: return "";
        case LOCAL_OTHER: throw new Template.Unsupported("a time in the local zone (go prints that zone's abbreviation)");
        default: return t.getOffset().getTotalSeconds() == 0 ? "UTC" : "";
      }
    }

    /** time.Time's GoString. */
    String goString() {
      if (loc == Loc.LOCAL_OTHER) {
        zoneName(); // refused
      }
      return GoTime.goString(t, loc == Loc.LOCAL_UTC ? "time.Local" : loc == Loc.UNNAMED ? "time.Location(\"\")" : null);
    }

    @Override
    public GoValue field(String name) {
      return null;
    }

    /** time.Time's integer methods (Year, Day... Unix, UnixNano). */
    long integer(String method) {
      java.time.Instant i = t.toInstant();
      switch (method) {
        case "Year": return t.getYear();
        case "Day": return t.getDayOfMonth();
        case "Hour": return t.getHour();
        case "Minute": return t.getMinute();
        case "Second": return t.getSecond();
        case "Nanosecond": return t.getNano();
        case "YearDay": return t.getDayOfYear();
        case "Unix": return i.getEpochSecond();
        case "UnixMilli": return Math.floorDiv(i.getEpochSecond(), 1L) * 1000 + i.getNano() / 1_000_000;
        case "UnixMicro": return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
        case "UnixNano": return i.getEpochSecond() * 1_000_000_000 + i.getNano();
        default: throw new IllegalArgumentException(method);
      }
    }

    /** time.Time's String: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    String string() {
      StringBuilder b = new StringBuilder();
      b.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
          t.getHour(), t.getMinute(), t.getSecond()));
      if (t.getNano() != 0) {
        String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        b.append('.').append(frac);
      }
      int off = t.getOffset().getTotalSeconds();
      String zone = String.format("%s%02d%02d", off < 0 ? "-" : "+", Math.abs(off) / 3600, Math.abs(off) / 60 % 60);
      String name = zoneName();
      b.append(' ').append(zone).append(' ').append(name.isEmpty() ? zone : name);
      return b.toString();
    }
  }
}
