/**
 * The sample-target server in a container, and chaos done to the container: {@link
 * dev.spillway.samples.container.SampleTargetImage} builds a small image of the server from this
 * machine's JDK (no registry needed), {@link dev.spillway.samples.container.SampleTargetContainer}
 * runs it, {@link dev.spillway.samples.container.ContainerChaos} freezes it, starves its CPU, or
 * kills it, each as an {@link java.lang.AutoCloseable} injection that closing undoes, and {@link
 * dev.spillway.samples.container.HttpEventSender} lets the toolkit's load driver flood it over
 * HTTP.
 *
 * <p>{@link dev.spillway.samples.container.RequiresDocker} marks the tests that need Docker: they
 * are skipped with a reason where Docker is missing, and fail instead when {@code CI=true}.
 *
 * <p>These types live in the sample targets' test sources because they need Testcontainers, which
 * the toolkit must not depend on. They are written to move into {@code junit-extension} (as an
 * optional dependency): plain {@link java.lang.AutoCloseable} types with a small public API; only
 * {@code RequiresDocker} and its extension are JUnit-specific.
 */
package dev.spillway.samples.container;
