/**
 * Spillway's JUnit 5 extension: annotations that flood a component from a test method, and a
 * harness that gives the same power in code.
 *
 * <ul>
 *   <li>{@link dev.spillway.junit.OverloadTest} marks the test (a {@code @Test} holding the
 *       exclusive flood lock, tagged {@code overload}, run under a watchdog, cleaned up after);
 *   <li>the load: {@link dev.spillway.junit.SpikeLoad}, {@link dev.spillway.junit.ConstantLoad},
 *       {@link dev.spillway.junit.RampLoad}; its keys: {@link dev.spillway.junit.UniformKeys},
 *       {@link dev.spillway.junit.ZipfKeys}, {@link dev.spillway.junit.HotKey};
 *   <li>the slow consumer: {@link dev.spillway.junit.FixedDelay}, {@link
 *       dev.spillway.junit.UniformDelay}, {@link dev.spillway.junit.LogNormalDelay}, {@link
 *       dev.spillway.junit.ParetoDelay}, {@link dev.spillway.junit.ConsumerStall};
 *   <li>the bounds: {@link dev.spillway.junit.QueueBound} (fails at the first breach), {@link
 *       dev.spillway.junit.DrainsWithin}, {@link dev.spillway.junit.LatencyBound}, no silent loss
 *       (on unless {@link dev.spillway.junit.AllowSilentLoss}), and {@link
 *       dev.spillway.junit.ExpectVerdict};
 *   <li>{@link dev.spillway.junit.OverloadHarness}, a parameter of the test method: the target, the
 *       watched queues, the components to slow down and count, the run; it returns an {@link
 *       dev.spillway.junit.OverloadResult};
 *   <li>the report: every run writes its result and page into {@code target/spillway}, placed in
 *       the survival matrix by {@link dev.spillway.junit.ReportAs}.
 * </ul>
 *
 * <p>Durations in the annotations are an integer and a unit, spaces allowed around and between
 * them: {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h}, e.g. {@code
 * "250ms"}, {@code "4s"}; at most one day. Every annotation's Javadoc is its specification. The
 * implementation ({@code dev.spillway.junit.internal} and the package-private classes here) is not
 * API.
 */
package dev.spillway.junit;
