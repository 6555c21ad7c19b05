/**
 * Judging a run: {@link dev.spillway.toolkit.verdict.Verdicts#assess} turns {@link
 * dev.spillway.toolkit.verdict.Evidence} (a trace, the books, optionally λ/μ and the load window)
 * into an {@link dev.spillway.toolkit.verdict.Assessment}: a {@link
 * dev.spillway.toolkit.verdict.Verdict} with its explanation in numbers, by the rules documented on
 * {@link dev.spillway.toolkit.verdict.Verdicts}.
 */
package dev.spillway.toolkit.verdict;
