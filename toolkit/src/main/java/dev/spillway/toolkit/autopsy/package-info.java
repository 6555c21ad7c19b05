/**
 * The autopsy of an overflow: what chosen threads (a queue's consumers) did while it overflowed,
 * recorded in-process with the JDK Flight Recorder, and where their time went.
 *
 * <ul>
 *   <li>{@link dev.spillway.toolkit.autopsy.Autopsy}: starts a JFR {@code RecordingStream},
 *       registers the threads to watch, stops and reports;
 *   <li>{@link dev.spillway.toolkit.autopsy.AutopsyReport}: the top methods by share of the
 *       threads' time ({@link dev.spillway.toolkit.autopsy.MethodShare}), the shares sleeping,
 *       parked and blocked ({@link dev.spillway.toolkit.autopsy.TimeShares}), the garbage
 *       collections beside them ({@link dev.spillway.toolkit.autopsy.GcFigures}, {@link
 *       dev.spillway.toolkit.autopsy.GcPause}) and the allocation, with a one-line summary and what
 *       limits the figures.
 * </ul>
 *
 * <pre>{@code
 * try (Autopsy autopsy = Autopsy.builder().samplePeriod(Duration.ofMillis(10)).build().start()) {
 *   autopsy.watchThreads(t -> t.getName().startsWith("orders-consumer"));
 *   // ... flood the component
 *   AutopsyReport report = autopsy.stop();
 *   System.out.println(report.summary()); // 94% in OrderRepository.insert (in Thread.sleep), ...
 * }
 * }</pre>
 */
package dev.spillway.toolkit.autopsy;
