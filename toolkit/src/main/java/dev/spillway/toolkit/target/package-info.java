/**
 * Real components as targets: a component that keeps its own books ({@link
 * dev.spillway.toolkit.target.AccountedTarget}: how to send to it, its queues, its ledger and what
 * is known of its messages in flight).
 */
package dev.spillway.toolkit.target;
