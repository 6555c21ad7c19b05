package dev.spillway.toolkit.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AccountedTarget#onClose}: the same target, with a handler run after its own close. */
class OnCloseTest {

  private final List<String> closed = new ArrayList<>();

  @Test
  void theTargetWithAHandler_isTheSameTarget_andClosesItselfFirst() {
    Recorded target = new Recorded(false);

    AccountedTarget closing = target.onClose(() -> closed.add("handler"));

    assertThat(closing.name()).isEqualTo("recorded");
    assertThat(closing.sender()).isSameAs(target.sender);
    assertThat(closing.queues()).isSameAs(target.queues);
    assertThat(closing.ledger()).isSameAs(target.ledger);
    assertThat(closing.inFlight()).isSameAs(target.inFlight);
    closing.close();
    assertThat(closed).containsExactly("target", "handler");
  }

  @Test
  void theHandlerRuns_evenWhenTheTargetsCloseThrows() {
    AccountedTarget closing = new Recorded(true).onClose(() -> closed.add("handler"));

    assertThatThrownBy(closing::close).hasMessage("target could not close");
    assertThat(closed).containsExactly("target", "handler");
  }

  @Test
  void noHandler_isRefused() {
    assertThatThrownBy(() -> new Recorded(false).onClose(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("close handler must not be null");
  }

  /** A target whose parts are fixed objects, recording its close. */
  private final class Recorded implements AccountedTarget {
    final Sender sender = message -> Outcome.ACCEPTED;
    final List<QueueProbe> queues = List.of(InstrumentedQueue.unbounded("queue").probe());
    final MessageLedger ledger = MessageLedger.create();
    final InFlight inFlight = InFlight.unknown();
    private final boolean failsToClose;

    Recorded(boolean failsToClose) {
      this.failsToClose = failsToClose;
    }

    @Override
    public String name() {
      return "recorded";
    }

    @Override
    public Sender sender() {
      return sender;
    }

    @Override
    public List<QueueProbe> queues() {
      return queues;
    }

    @Override
    public MessageLedger ledger() {
      return ledger;
    }

    @Override
    public InFlight inFlight() {
      return inFlight;
    }

    @Override
    public void close() {
      closed.add("target");
      if (failsToClose) {
        throw new IllegalStateException("target could not close");
      }
    }
  }
}
