package dev.spillway.toolkit.inject.hidden;

/** Hands out a package-private interface and an implementation, for the proxy's access test. */
public final class Hidden {

  interface Secret {
    String tell();
  }

  private Hidden() {}

  /** The package-private interface. */
  public static Class<?> type() {
    return Secret.class;
  }

  /** An implementation of it. */
  public static Object target() {
    Secret secret = () -> "secret";
    return secret;
  }
}
