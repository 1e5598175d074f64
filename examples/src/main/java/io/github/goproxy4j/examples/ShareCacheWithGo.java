package io.github.goproxy4j.examples;

import io.github.goproxy4j.client.DownloadedModule;
import io.github.goproxy4j.client.GoProxyClient;
import io.github.goproxy4j.env.GoEnv;
import io.github.goproxy4j.module.ModuleVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Use case: a CI plugin pre-fills the module cache from Java so that a later go build runs
 * without network. The client writes Go's GOMODCACHE layout byte for byte, so
 * {@code GOFLAGS=-mod=mod GOPROXY=off go build} finds everything it downloaded.
 *
 * <pre>{@code
 * java -cp examples/target/goproxy-examples.jar io.github.goproxy4j.examples.ShareCacheWithGo \
 *     golang.org/x/mod@v0.7.0
 * GOPROXY=off go mod download -json golang.org/x/mod@v0.7.0   # answered from the cache
 * }</pre>
 */
public final class ShareCacheWithGo {
  private ShareCacheWithGo() {}

  /**
   * Downloads the modules named on the command line into {@code $GOMODCACHE}.
   *
   * @param args module@version arguments
   * @throws IOException if a download fails
   */
  public static void main(String[] args) throws IOException {
    GoEnv env = GoEnv.fromSystem();
    for (String a : args) {
      run(env, ModuleVersion.parse(a), System.out);
    }
  }

  /**
   * Downloads one module into the module cache of {@code env} and says where go will find it.
   *
   * @param env Go's settings (GOMODCACHE, GOPROXY, GOSUMDB, GOFLAGS)
   * @param module the module version
   * @param out where to print
   * @return the downloaded module
   * @throws IOException if the download or its verification fails
   */
  public static DownloadedModule run(GoEnv env, ModuleVersion module, PrintStream out) throws IOException {
    try (GoProxyClient client = GoProxyClient.builder().env(env).build()) {
      DownloadedModule m = client.download(module);
      Path cache = env.modCacheDir();
      out.println(module + " is in " + cache);
      out.println("  zip:  " + cache.relativize(m.zip()));
      out.println("  dir:  " + cache.relativize(m.dir()));
      out.println("  go.sum: " + m.goSumLines().strip().replace("\n", "\n          "));
      out.println("  go will reuse it offline: GOPROXY=off GOMODCACHE=" + cache + " go mod download " + module);
      return m;
    }
  }
}
