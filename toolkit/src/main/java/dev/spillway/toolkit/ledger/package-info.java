/**
 * Counting every message: {@link dev.spillway.toolkit.ledger.MessageLedger} (sent, then one {@link
 * dev.spillway.toolkit.ledger.FinalOutcome}, or still queued), its {@link
 * dev.spillway.toolkit.ledger.LedgerSnapshot} that finds silent losses and double counting, and the
 * arrival and service rates λ and μ it measures.
 */
package dev.spillway.toolkit.ledger;
