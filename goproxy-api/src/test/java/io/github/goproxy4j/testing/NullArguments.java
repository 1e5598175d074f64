package io.github.goproxy4j.testing;

import com.google.common.testing.ArbitraryInstances;
import com.google.common.testing.NullPointerTester;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Null arguments at a module's public API (published in goproxy-api's test-jar): Guava's {@link
 * NullPointerTester} over every parameter of every public constructor and static method of the
 * public types of some packages, and every public instance method of sample instances, with one
 * more rule than Guava's: the {@link NullPointerException} names the parameter ({@code
 * Objects.requireNonNull(path, "path")}), so a null is reported at the call, not as an NPE from
 * deep inside. A parameter whose javadoc allows null is listed with {@link #nullAllowed}; the
 * {@code message} and {@code cause} of an exception's constructor are never set to null (Throwable's
 * own contract allows both). Every failure is collected, then {@link #assertNone} reports them all:
 *
 * <pre>{@code
 * NullArguments.of(ModulePath.class, "io.github.goproxy4j.module")
 *     .setDefault(ModulePath.class, ModulePath.of("example.com/m"))
 *     .nullAllowed(Version.class, "isValid", "version")
 *     .publicTypes()
 *     .instance(Version.parse("v1.2.3"))
 *     .assertNone();
 * }</pre>
 */
public final class NullArguments {
  /** The JVM's own message for a dereferenced null (JEP 358): an NPE from inside, not a check. */
  private static final Pattern HELPFUL_NPE = Pattern.compile("^Cannot .* because .* is null$");

  private final Class<?> anchor;
  private final List<String> packages;
  private final NullPointerTester tester = new NullPointerTester();
  private final Map<Class<?>, Object> defaults = new HashMap<>();
  private final Set<String> allowed = new HashSet<>();
  private final Set<String> usedAllowed = new HashSet<>();
  private final List<String> failures = new ArrayList<>();
  private int parameters;

  private NullArguments(Class<?> anchor, List<String> packages) {
    this.anchor = anchor;
    this.packages = packages;
  }

  /**
   * A check of the public types of some packages of the module (class directory or jar) that holds
   * {@code anchor}.
   *
   * @param anchor a class of the module
   * @param packages the exported packages, each without its subpackages
   * @return the check, with nothing run yet
   */
  public static NullArguments of(Class<?> anchor, String... packages) {
    return new NullArguments(anchor, List.of(packages));
  }

  /**
   * The value passed for the parameters of a type that are not the one set to null.
   *
   * @param <T> the type
   * @param type the parameter type
   * @param value a valid value of it
   * @return this
   */
  public <T> NullArguments setDefault(Class<T> type, T value) {
    tester.setDefault(type, value);
    defaults.put(type, value);
    return this;
  }

  /**
   * A parameter whose javadoc says it may be null: not set to null.
   *
   * @param type the declaring type
   * @param member the method's name, or {@code "new"} for a constructor: every overload with such a
   *     parameter; or one overload, by its parameters' simple type names: {@code "matches(String)"}
   * @param parameter the parameter's name
   * @return this
   */
  public NullArguments nullAllowed(Class<?> type, String member, String parameter) {
    allowed.add(key(type, member, parameter));
    return this;
  }

  /**
   * Checks the public constructors and static methods of every public type (nested public types
   * too) of the packages.
   *
   * @return this
   */
  public NullArguments publicTypes() {
    for (Class<?> type : types()) {
      if (!Modifier.isAbstract(type.getModifiers()) && !type.isEnum()) {
        for (Constructor<?> c : type.getConstructors()) {
          check(null, c);
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()
            && !(type.isEnum() && m.getName().equals("valueOf"))) {
          check(null, m);
        }
      }
    }
    return this;
  }

  /**
   * Checks the public instance methods of a sample that the project's types declare.
   *
   * @param sample an instance of a public type
   * @return this
   */
  public NullArguments instance(Object sample) {
    for (Method m : sample.getClass().getMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()
          && m.getDeclaringClass().getName().startsWith("io.github.goproxy4j.")
          && !isEquals(m)) {
        check(sample, m);
      }
    }
    return this;
  }

  /** Fails with every failure found, and with every {@link #nullAllowed} that named nothing. */
  public void assertNone() {
    List<String> report = new ArrayList<>(failures);
    for (String a : allowed) {
      if (!usedAllowed.contains(a)) {
        report.add(a + ": listed as nullable, but no such parameter was checked");
      }
    }
    if (parameters == 0) {
      report.add("no parameter checked");
    }
    if (!report.isEmpty()) {
      report.sort(Comparator.naturalOrder());
      throw new AssertionError(report.size() + " null-argument failures of " + parameters
          + " parameters:\n  " + String.join("\n  ", report));
    }
  }

  /** {@return how many parameters were set to null so far} */
  public int parameters() {
    return parameters;
  }

  private void check(Object instance, Executable member) {
    Class<?>[] types = member.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i].isPrimitive()) {
        continue;
      }
      String name = member.getParameters()[i].getName();
      if (member instanceof Constructor && Throwable.class.isAssignableFrom(member.getDeclaringClass())
          && (name.equals("message") || name.equals("cause"))) {
        continue;
      }
      String memberName = member instanceof Constructor ? "new" : member.getName();
      String key = key(member.getDeclaringClass(), memberName, name);
      String overloadKey = key(member.getDeclaringClass(), memberName + signature(member), name);
      if (allowed.contains(key) || allowed.contains(overloadKey)) {
        usedAllowed.add(allowed.contains(key) ? key : overloadKey);
        continue;
      }
      parameters++;
      String where = describe(member) + " parameter " + name;
      try {
        if (member instanceof Method m) {
          tester.testMethodParameter(instance, m, i);
        } else {
          tester.testConstructorParameter((Constructor<?>) member, i);
        }
      } catch (AssertionError | RuntimeException e) {
        failures.add(where + ": " + firstLine(e));
        continue;
      }
      String message = npeMessage(instance, member, i);
      if (message != null && (!message.contains(name) || HELPFUL_NPE.matcher(message).find())) {
        failures.add(where + ": the NullPointerException does not name it: " + message);
      }
    }
  }

  /**
   * The message of the NPE the member throws for a null at {@code index} ({@code "null"} for none),
   * or null when the member could not be called with this class's defaults (NullPointerTester,
   * which has more, checked that it threw).
   */
  private String npeMessage(Object instance, Executable member, int index) {
    Class<?>[] types = member.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int j = 0; j < types.length; j++) {
      if (j != index) {
        args[j] = defaultFor(types[j]);
        if (args[j] == null) {
          return null;
        }
      }
    }
    try {
      member.setAccessible(true);
      if (member instanceof Method m) {
        m.invoke(instance, args);
      } else {
        ((Constructor<?>) member).newInstance(args);
      }
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause() instanceof NullPointerException npe ? String.valueOf(npe.getMessage()) : null;
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private Object defaultFor(Class<?> type) {
    if (type.isPrimitive()) {
      return ArbitraryInstances.get(type);
    }
    Object value = defaults.get(type);
    return value != null ? value : ArbitraryInstances.get(type);
  }

  private List<Class<?>> types() {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(anchor + " is not in a class directory: " + root);
    }
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : packages) {
      Path dir = root.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String file = f.getFileName().toString();
          if (!file.endsWith(".class") || file.equals("module-info.class") || file.equals("package-info.class")) {
            continue;
          }
          Class<?> c = Class.forName(pkg + "." + file.substring(0, file.length() - 6), false, anchor.getClassLoader());
          if (isPublicApi(c)) {
            types.add(c);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    if (types.isEmpty()) {
      throw new IllegalStateException("no public types in " + packages + " under " + root);
    }
    return types;
  }

  private static boolean isPublicApi(Class<?> c) {
    if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isEquals(Method m) {
    return m.getName().equals("equals") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {Object.class});
  }

  private static String key(Class<?> type, String member, String parameter) {
    return type.getName().substring(type.getPackageName().length() + 1) + "#" + member + "(" + parameter + ")";
  }

  private static String describe(Executable member) {
    String type = member.getDeclaringClass().getName();
    type = type.substring(member.getDeclaringClass().getPackageName().length() + 1);
    return type + '#' + (member instanceof Constructor ? "new" : member.getName()) + signature(member);
  }

  private static String signature(Executable member) {
    StringBuilder b = new StringBuilder("(");
    Class<?>[] types = member.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      b.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
    }
    return b.append(')').toString();
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)) + (e.getCause() != null ? " [" + e.getCause() + "]" : "");
  }
}
