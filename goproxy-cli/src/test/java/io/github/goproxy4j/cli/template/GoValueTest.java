package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GoValue}: the type names go's errors quote, and nil. */
class GoValueTest {
  @Test
  void typeNamesAreGos() {
    assertEquals("[]string", GoValue.strings(List.of("a")).type().toString());
    assertEquals("*modinfo.ModulePublic", ModulePublic.pointerType(27).name());
    assertEquals("*modinfo.ModuleError", ModulePublic.ERROR_PTR.name());
    assertEquals("*time.Time", ModulePublic.TIME_PTR.name());
    assertEquals("*codehost.Origin", ModulePublic.ORIGIN_PTR.name());
    assertEquals("interface {}", GoValue.ANY.name());
  }

  @Test
  void nilPointers() {
    assertTrue(new GoValue(ModulePublic.TIME_PTR, null, false).isNilPointer());
    assertEquals("<nil>", Fmt.print(new GoValue(ModulePublic.ERROR_PTR, null, false)));
  }
}
