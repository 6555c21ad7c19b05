package com.example.orders;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/** The order pool meets a spike twice what it serves: it must turn the excess away, counted. */
class OrderPoolOverloadTest {

  @OverloadTest
  @SpikeLoad(base = 150, peak = 400, at = "500ms", hold = "2s", duration = "3s") // messages/s
  @QueueBound(max = 100) // the work queue never holds more than its capacity
  @DrainsWithin("1s")
  @ExpectVerdict(Verdict.SHED) // rejected explicitly, counted; nothing lost
  void theOrderPool_shedsASpike(OverloadHarness harness) {
    // one thread taking 5 ms per order (~200/s), a work queue of 100, the default AbortPolicy
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 0, SECONDS, new ArrayBlockingQueue<>(100));
    harness.closeAfterTest(pool::shutdownNow);
    harness.target(ExecutorTarget.of("orders", pool, OrderPoolOverloadTest::handle));
  }

  static void handle(Message order) {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
