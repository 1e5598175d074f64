package io.github.goproxy4j.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goproxy4j.client.ListedModule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ListContext}: its checks, and the value list's {@code context} gives a template (go's
 * output for it is compared in {@code ModuleGraphCommandsTest.listContextAsGo}).
 */
class ListContextTest {
  private static ListContext context(Optional<List<String>> buildTags, Optional<List<String>> toolTags, String unknown) {
    return new ListContext("amd64", "linux", "/usr/lib/go", "/home/u/go", false, "gc", buildTags, toolTags, unknown,
        ListContext.releaseTags(3), "");
  }

  private static String run(String template, ListContext c) throws Exception {
    ListedModule m = ListVectors.modules().get(0);
    return Template.parse(template, "1.27").withContext(c).execute(m);
  }

  @Test
  void printsAsGoListsIt() throws Exception {
    ListContext c = context(Optional.of(List.of()), Optional.of(List.of("goexperiment.x", "amd64.v1")), "");
    assertEquals("{amd64 linux /usr/lib/go /home/u/go false false gc [] [goexperiment.x amd64.v1] [go1.1 go1.2 go1.3] }",
        run("{{context}}", c));
    assertEquals("&list.Context{GOARCH:\"amd64\", GOOS:\"linux\", GOROOT:\"/usr/lib/go\", GOPATH:\"/home/u/go\", "
        + "CgoEnabled:false, UseAllFiles:false, Compiler:\"gc\", BuildTags:[]string{}, ToolTags:[]string{\"goexperiment.x\", "
        + "\"amd64.v1\"}, ReleaseTags:[]string{\"go1.1\", \"go1.2\", \"go1.3\"}, InstallSuffix:\"\"}",
        run("{{printf \"%#v\" context}}", c));
    assertEquals("[]string(nil)", run("{{printf \"%#v\" context.BuildTags}}", context(Optional.empty(),
        Optional.of(List.of()), "")));
  }

  @Test
  void refusesUnknownToolTagsOnlyWhenRead() throws Exception {
    ListContext c = context(Optional.empty(), Optional.empty(), "goproxy knows them for linux/amd64, not linux/arm64");
    assertEquals("linux []", run("{{context.GOOS}} {{context.BuildTags}}", c));
    Template.Unsupported e = assertThrows(Template.Unsupported.class, () -> run("{{context.ToolTags}}", c));
    assertTrue(e.getMessage().startsWith("context's ToolTags (goproxy knows them for linux/amd64, not linux/arm64)"),
        e.getMessage());
    assertThrows(Template.Unsupported.class, () -> run("{{context}}", c));
  }

  @Test
  void refusesBadParts() {
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> context(Optional.empty(), Optional.of(List.of()), "why"));
    assertTrue(both.getMessage().endsWith("not both"), both.getMessage());
    IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
        () -> context(Optional.empty(), Optional.empty(), ""));
    assertTrue(neither.getMessage().endsWith("not neither"), neither.getMessage());
    assertThrows(NullPointerException.class, () -> new ListContext(null, "linux", "", "", false, "gc", Optional.empty(),
        Optional.of(List.of()), "", List.of(), ""));
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> ListContext.releaseTags(0));
    assertTrue(zero.getMessage().contains("go1.0"), zero.getMessage());
    assertEquals(List.of("go1.1", "go1.2"), ListContext.releaseTags(2));
  }
}
