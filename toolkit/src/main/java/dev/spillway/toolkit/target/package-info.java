/**
 * Real components as targets: a component that keeps its own books ({@link
 * dev.spillway.toolkit.target.AccountedTarget}: how to send to it, its queues, its ledger and what
 * is known of its messages in flight), and {@link dev.spillway.toolkit.target.ExecutorTarget},
 * which makes one of a JDK {@code ThreadPoolExecutor} (or any {@code Executor}) in one call.
 *
 * <p>Only the public types above are API; the package-private classes (the counted task, the
 * rejection handler that accounts for the JDK's policies) are not.
 */
package dev.spillway.toolkit.target;
