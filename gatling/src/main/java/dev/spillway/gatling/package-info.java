/**
 * Spillway for Gatling users: attach Spillway's queue gates to any Gatling simulation (Java DSL).
 *
 * <p>{@link dev.spillway.gatling.Spillway} is the entry point: it watches the target's queues
 * through the target's own metrics endpoint ({@link dev.spillway.gatling.Metric}, Prometheus text
 * or JSON), records their depths with the toolkit's {@code QueueRecorder}, takes the books from the
 * target's counters ({@link dev.spillway.gatling.BookCounters}) and cross-checks them with what
 * Gatling's virtual users were answered ({@link dev.spillway.gatling.HttpOutcome}), judges each
 * {@link dev.spillway.gatling.WatchedQueue} with the toolkit's {@code Verdicts}, fails the Gatling
 * run through an assertion on a final request, and writes a {@code spillway.run/1} result (source
 * {@code gatling}) into the report folder, where the survival matrix and the baseline gate read it.
 * {@link dev.spillway.gatling.Injection} turns a toolkit {@code LoadProfile} into Gatling injection
 * steps.
 *
 * <p>Package-private classes are not API.
 */
package dev.spillway.gatling;
