package io.github.goproxy4j.client.internal;

/**
 * {@link JdkHttpTransportTest} again with {@code http://} URLs sent through {@code
 * java.net.http} instead of {@link UrlConnectionHop}: both hops keep the same guarantees. Runs
 * alone as its superclass does ({@code @Isolated} is inherited).
 */
class JdkHttpTransportJavaNetHttpTest extends JdkHttpTransportTest {
  @Override
  boolean urlConnectionForHttp() {
    return false;
  }
}
