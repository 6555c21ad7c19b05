/**
 * Container chaos with Testcontainers: run a service in Docker and do to it what happens to real
 * consumers — freeze it, starve its CPU, kill it — from a JUnit 5 test.
 *
 * <ul>
 *   <li>{@link dev.spillway.junit.container.RequiresDocker} marks the tests that need Docker: they
 *       are skipped with the reason where Docker is missing, and fail instead when Docker is
 *       required ({@code CI=true}); it resolves a {@link dev.spillway.junit.container.DockerChaos}
 *       parameter, whose injections are undone after the test;
 *   <li>{@link dev.spillway.junit.container.ContainerChaos} pauses, CPU-limits, kills or restarts a
 *       container, each injection a {@link dev.spillway.junit.container.ContainerInjection} ({@link
 *       java.lang.AutoCloseable}: closing undoes it);
 *   <li>{@link dev.spillway.junit.container.JavaServiceImage} builds a small image of your own JVM
 *       service from this machine's JDK, for when no registry is reachable.
 * </ul>
 *
 * <p><b>Optional dependency:</b> this package needs {@code org.testcontainers:testcontainers} on
 * the test class path (Spillway declares it optional, so it is not added for you). Nothing else of
 * the extension refers to Testcontainers: without it, every other annotation works, and only this
 * package cannot be loaded. Testcontainers must be told not to start its Ryuk container and which
 * host to use: set the environment variables {@code TESTCONTAINERS_RYUK_DISABLED=true} and {@code
 * TESTCONTAINERS_HOST_OVERRIDE=localhost} (e.g. in surefire's {@code <environmentVariables>}).
 *
 * <p>Package-private classes here are not API.
 */
package dev.spillway.junit.container;
