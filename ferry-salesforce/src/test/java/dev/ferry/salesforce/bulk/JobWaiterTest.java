package dev.ferry.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.BulkJobFailedException;
import dev.ferry.core.error.BulkJobTimeoutException;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.salesforce.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class JobWaiterTest {
  private final FakeTime time = new FakeTime();
  private final JobWaiter waiter =
      new JobWaiter(time, time, Duration.ofSeconds(1), Duration.ofSeconds(4));

  @Test
  void pollsWithGrowingWaitsUntilTerminal() {
    Supplier<BulkJob> poll =
        states(
            BulkJobState.UploadComplete,
            BulkJobState.InProgress,
            BulkJobState.InProgress,
            BulkJobState.InProgress,
            BulkJobState.InProgress,
            BulkJobState.JobComplete);
    BulkJob job = waiter.await("750x", false, poll, Duration.ofMinutes(5), () -> false);
    assertThat(job.state()).isEqualTo(BulkJobState.JobComplete);
    // waits 1s, 1.5s, 2.25s, 3.375s, 4s (cap), sliced for cancellation checks
    assertThat(time.slept()).isEqualTo(Duration.ofMillis(1000 + 1500 + 2250 + 3375 + 4000));
    assertThat(time.sleeps()).allMatch(d -> d.compareTo(JobWaiter.CANCEL_CHECK) <= 0);
  }

  @Test
  void aFailedJobThrowsWithSalesforcesMessage() {
    Supplier<BulkJob> poll =
        () -> job(BulkJobState.Failed, "InvalidBatch : Field name not found : Foo");
    assertThatThrownBy(() -> waiter.await("750x", true, poll, Duration.ofMinutes(1), () -> false))
        .isInstanceOf(BulkJobFailedException.class)
        .hasMessageContaining("InvalidBatch : Field name not found : Foo")
        .hasMessageContaining("job 750x")
        .hasMessageContaining("object Account");
  }

  @Test
  void abortedIsReturned() {
    assertThat(
            waiter
                .await(
                    "750x", false, states(BulkJobState.Aborted), Duration.ofMinutes(1), () -> false)
                .state())
        .isEqualTo(BulkJobState.Aborted);
  }

  @Test
  void givesUpAtTheDeadlineWithoutOversleeping() {
    assertThatThrownBy(() ->
            waiter.await(
                "750x",
                false,
                states(BulkJobState.InProgress),
                Duration.ofSeconds(10),
                () -> false))
        .isInstanceOf(BulkJobTimeoutException.class)
        .hasMessageContaining("still InProgress");
    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void cancellationStopsTheWaitPromptly() {
    AtomicInteger checks = new AtomicInteger();
    assertThatThrownBy(() ->
            waiter.await(
                "750x",
                false,
                states(BulkJobState.InProgress),
                Duration.ofHours(1),
                () -> checks.incrementAndGet() > 3))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("750x");
    assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anInterruptedThreadStopsWaiting() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() ->
              waiter.await(
                  "750x", false, states(BulkJobState.InProgress), Duration.ofHours(1), () -> false))
          .isInstanceOf(CancellationException.class);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  @Test
  void anOpenIngestJobIsACallerMistake() {
    assertThatThrownBy(() ->
            waiter.await("750x", true, states(BulkJobState.Open), Duration.ofHours(1), () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("close it");
  }

  private static Supplier<BulkJob> states(BulkJobState... states) {
    Deque<BulkJobState> q = new ArrayDeque<>(List.of(states));
    return () -> job(q.size() > 1 ? q.poll() : q.peek(), null);
  }

  private static BulkJob job(BulkJobState state, String error) {
    return new BulkJob("750x", "query", "Account", state, 0, 0, 0, error, "62.0");
  }
}
