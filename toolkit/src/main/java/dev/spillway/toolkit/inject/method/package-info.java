/**
 * Injection without seams: slow, stall, pace or fail one method of a class, chosen by class and
 * name, wherever it is called — a repository call deep inside a consumer, a serializer, a method of
 * a final class with no interface. A {@link dev.spillway.toolkit.inject.method.MethodInjector}
 * (immutable configuration) {@linkplain dev.spillway.toolkit.inject.method.MethodInjector#install()
 * installs} a {@link dev.spillway.toolkit.inject.method.MethodInjection} (the live handle), which
 * runs a {@link dev.spillway.toolkit.inject.Injection} before each call of the method, and restores
 * the class exactly when closed.
 *
 * <p>It weaves with Byte Buddy: an agent attached at run time retransforms the class with an
 * advice. On JDK 21 and later, run the JVM with {@code -XX:+EnableDynamicAgentLoading}.
 */
package dev.spillway.toolkit.inject.method;
