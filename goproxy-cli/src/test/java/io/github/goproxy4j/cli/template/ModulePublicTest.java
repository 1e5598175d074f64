package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.goproxy4j.client.ListedModule;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ModulePublic}: go list's module struct per release, over a ListedModule's values. */
class ModulePublicTest {
  private static final ListedModule M = new ListedModule("example.com/a", "v1.0.0", false, true, "1.16",
      Optional.empty(), Optional.of(new ListedModule("example.com/a", "v1.1.0", false, false, "", Optional.empty(),
          Optional.empty(), List.of(), "", "")), List.of("bad"), "use b", "boom",
      Optional.of(OffsetDateTime.parse("2023-04-05T06:07:08.5Z")), "", "", "h1:x", "h1:y");

  private static String run(String template, String release) throws Exception {
    return Template.parse(template, release).execute(M);
  }

  @Test
  void fieldsPerRelease() throws Exception {
    assertEquals("h1:x h1:y", run("{{.Sum}} {{.GoModSum}}", "1.23"));
    Template.ExecException e = org.junit.jupiter.api.Assertions.assertThrows(Template.ExecException.class,
        () -> run("{{.Sum}}", "1.22"));
    assertEquals("template: main:1:2: executing \"main\" at <.Sum>: can't evaluate field Sum in type *modinfo.ModulePublic",
        e.getMessage());
    assertEquals("modinfo.ModulePublic", ModulePublic.type(19).name());
    assertNull(((GoValue.Struct) ModulePublic.pointer(M, 27).elem().x()).field("Nope"));
  }

  /** {{.}} and .Update through go's String; .Error as a struct without one; .Time through time.Time's. */
  @Test
  void printsThroughGosMethods() throws Exception {
    assertEquals("example.com/a v1.0.0 (retracted) [v1.1.0] (deprecated)|example.com/a v1.1.0|{boom}|"
        + "2023-04-05 06:07:08.5 +0000 UTC|&{boom}", run("{{.}}|{{.Update}}|{{.Error}}|{{.Time}}|{{printf \"%v\" .Error}}",
        "1.27"));
    assertEquals("true [bad] use b", run("{{.Indirect}} {{.Retracted}} {{.Deprecated}}", "1.19"));
  }
}
