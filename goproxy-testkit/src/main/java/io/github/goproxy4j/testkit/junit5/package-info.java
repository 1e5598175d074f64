/**
 * JUnit 5 integration for the fake Go module proxy.
 */
package io.github.goproxy4j.testkit.junit5;
