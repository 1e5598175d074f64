package io.github.goproxy4j.testkit;

import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.sumdb.note.SignerKey;
import io.github.goproxy4j.testing.NullArguments;
import io.github.goproxy4j.testkit.junit5.GoProxyExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A null argument at goproxy-testkit's public API is an NPE naming the parameter, thrown at the
 * call: {@link NullArguments} (Guava's NullPointerTester) over every public constructor and static
 * method of its public types and the instance methods of a sample of each (a running fake, its
 * checksum database, journal and a request, the builders). One class for the module, as
 * goproxy-api's: the defaults and samples are shared, and a new public method is checked without a
 * test written for it. The extension's JUnit callbacks are not sampled: JUnit calls them.
 */
class PublicApiNullTest {
  @Test
  void nullArguments(@TempDir Path dir) throws Exception {
    Path txtar = Files.writeString(dir.resolve("example.com_m_v1.0.0.txt"),
        "-- .mod --\nmodule example.com/m\n-- .info --\n{\"Version\":\"v1.0.0\"}\n-- go.mod --\nmodule example.com/m\n");
    FakeModule module = FakeModule.of("example.com/m", "v1.0.0");
    try (FakeGoProxy proxy = FakeGoProxy.builder().module(module).start()) {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.url() + "/example.com/m/@v/list")).build(),
          HttpResponse.BodyHandlers.discarding());
      NullArguments.of(FakeGoProxy.class, "io.github.goproxy4j.testkit", "io.github.goproxy4j.testkit.junit5")
          .setDefault(FakeModule.class, module)
          .setDefault(Fault.class, Fault.status(500, "x"))
          .setDefault(Path.class, txtar)
          .setDefault(Duration.class, Duration.ofMillis(1))
          .setDefault(SignerKey.class, SignerKey.generate("sumdb.example"))
          .setDefault(GoEnv.class, GoEnv.of(Map.of()))
          .setDefault(String.class, "example.com/m")
          .publicTypes()
          .instance(proxy)
          .instance(proxy.sumdb())
          .instance(proxy.requests())
          .instance(proxy.requests().all().get(0))
          .instance(module)
          .instance(FakeModule.builder("example.com/m", "v1.0.0"))
          .instance(FakeGoProxy.builder())
          .instance(Fault.status(500, "x"))
          .instance(GoProxyExtension.builder())
          .assertNone();
    }
  }
}
