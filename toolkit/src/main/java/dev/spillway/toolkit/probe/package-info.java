/**
 * Probes: named sources of a queue depth that recorders, sentinels and verdicts read.
 *
 * <p>{@link dev.spillway.toolkit.probe.QueueProbe} is the interface; {@link
 * dev.spillway.toolkit.probe.QueueProbes} makes probes for local queues, executors, fork/join
 * pools, collections, functions, JMX attributes and sums of probes; {@link
 * dev.spillway.toolkit.probe.HttpMetricsProbe} reads a depth from a metrics endpoint (Prometheus
 * text format or JSON). A probe that cannot read its depth throws a {@link
 * dev.spillway.toolkit.probe.ProbeException} naming what it could not see.
 *
 * <p>Only the public types above are API; the package-private classes (the Prometheus text parser,
 * the selectors, the bounded body reader) are not.
 */
package dev.spillway.toolkit.probe;
