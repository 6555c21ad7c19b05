package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An actor mailbox — a Pekko typed actor whose behaviour takes 5 ms — under the seed spike held 4
 * s: its mailbox grows at λ − μ and still holds about 200 messages, a second of work, when the load
 * ends. OVERFLOWED, never LOST (the old settle saw false LOSTs here in 4 of 17 runs: its wait ended
 * in a gap between two messages).
 *
 * <p>The mailbox depth comes from a {@link CountingMailbox} — Pekko's unbounded mailbox that counts
 * what goes in and what comes out — read through a probe. The test counts, apart from Spillway, the
 * messages it told the actor and the messages the behaviour handled, and checks the mailbox's own
 * counts against them once the actor has handled everything.
 *
 * <p>Two ways to keep the books: the harness's own (its sender counts each message sent, the
 * behaviour is {@linkplain OverloadHarness#wrapConsumer wrapped}, so messages in flight are
 * counted), and the actor's own ledger, with only {@link InFlight#atMost(long) at most one} message
 * known to be in flight (an actor handles one at a time): then the settle must tell a message
 * inside the behaviour from a lost one by waiting, not by counting.
 */
@Tag("realtargets")
class ActorMailboxTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void anActorWithTheHarnessBooks_isOverflowed_neverLost() {
    overflowed(RealRun.of(Actors.class, "harnessBooks"));
  }

  @Test
  void anActorWithItsOwnLedger_andAtMostOneInFlight_isOverflowed_neverLost() {
    overflowed(RealRun.of(Actors.class, "ownLedger"));
  }

  static void overflowed(RealRun run) {
    Checks.verdict(run, Verdict.OVERFLOWED);
    Checks.booksAgree(run, 1);
    assertThat(run.truth().runs()).as("every message handled").isEqualTo(run.truth().handed());
  }

  /** The actor, with the books kept by the harness or by the actor. */
  @Fixture
  static class Actors {

    /** Told, and handled by the behaviour: counted by the test. */
    private final LongAdder told = new LongAdder();

    private final LongAdder handled = new LongAdder();

    private QueueProbe mailboxOf(Actor actor) {
      // Pekko's unbounded mailbox: declared so, a run that stops when certain may call its growth
      return QueueProbes.unbounded(QueueProbes.of("orders", actor.mailbox()::depth));
    }

    /** Waits until the actor has handled every message told, and checks the mailbox's counts. */
    private Truth truth(Actor actor) {
      await().atMost(Duration.ofMinutes(2)).until(() -> handled.sum() == told.sum());
      assertThat(actor.mailbox().enqueued()).isEqualTo(told.sum());
      assertThat(actor.mailbox().dequeued()).isEqualTo(handled.sum());
      return Truth.counts(told.sum(), 0, handled.sum(), 0, 0);
    }

    @SeedSpike
    void harnessBooks(OverloadHarness harness) throws Exception {
      Actor actor =
          harness.closeAfterTest(
              Actor.start(
                  harness.wrapConsumer(
                      message -> {
                        Work.fiveMillis(message);
                        handled.increment();
                      })));
      harness
          .watch(mailboxOf(actor))
          .sendTo(
              message -> {
                told.increment();
                actor.tell(message);
                return Outcome.ACCEPTED;
              });
      RealRun.play(harness, () -> truth(actor));
    }

    @SeedSpike
    void ownLedger(OverloadHarness harness) throws Exception {
      MessageLedger ledger = MessageLedger.builder().named("orders").build();
      Actor actor =
          harness.closeAfterTest(
              Actor.start(
                  message -> {
                    Work.fiveMillis(message);
                    handled.increment();
                    ledger.processed();
                  }));
      QueueProbe mailbox = mailboxOf(actor);
      harness.target(
          new AccountedTarget() {
            @Override
            public String name() {
              return "orders";
            }

            @Override
            public Sender sender() {
              return message -> {
                told.increment();
                ledger.sent();
                actor.tell(message);
                return Outcome.ACCEPTED;
              };
            }

            @Override
            public List<QueueProbe> queues() {
              return List.of(mailbox);
            }

            @Override
            public MessageLedger ledger() {
              return ledger;
            }

            @Override
            public InFlight inFlight() {
              return InFlight.atMost(1); // one message at a time, not counted
            }
          });
      RealRun.play(harness, () -> truth(actor));
    }
  }
}
