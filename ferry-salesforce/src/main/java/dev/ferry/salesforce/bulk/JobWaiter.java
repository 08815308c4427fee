package dev.ferry.salesforce.bulk;

import dev.ferry.core.error.BulkJobFailedException;
import dev.ferry.core.error.BulkJobTimeoutException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.salesforce.internal.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a Bulk job until it is terminal: waits start at {@code initial} and grow by half up to
 * {@code max}, never past the deadline. Cancellation is checked before every poll and at least
 * every {@link #CANCEL_CHECK} while waiting, so an engine shutting down is not held up by a long
 * wait.
 */
public final class JobWaiter {
  static final Duration CANCEL_CHECK = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(JobWaiter.class);

  private final InstantSource clock;
  private final Sleeper sleeper;
  private final Duration initial;
  private final Duration max;

  public JobWaiter(InstantSource clock, Sleeper sleeper, Duration initial, Duration max) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.initial = initial;
    this.max = max;
  }

  public BulkJob await(
      String jobId,
      boolean ingest,
      Supplier<BulkJob> poll,
      Duration maxWait,
      BooleanSupplier cancelled) {
    Objects.requireNonNull(cancelled, "cancelled");
    if (maxWait.isNegative()) throw new IllegalArgumentException("maxWait is negative: " + maxWait);
    Instant giveUpAt = clock.instant().plus(maxWait);
    Duration wait = initial;
    int polls = 0;
    while (true) {
      checkCancelled(jobId, cancelled);
      BulkJob job = poll.get();
      polls++;
      if (job.state() == BulkJobState.Failed) {
        throw new BulkJobFailedException(
            new SalesforceError(
                "JOB_FAILED",
                200,
                "Bulk job failed: "
                    + Objects.requireNonNullElse(job.errorMessage(), "no errorMessage given"),
                job.object(),
                jobId));
      }
      if (job.state().isTerminal()) {
        log.atDebug()
            .setMessage("bulk job finished")
            .addKeyValue("job", jobId)
            .addKeyValue("state", job.state())
            .addKeyValue("polls", polls)
            .log();
        return job;
      }
      if (ingest && job.state() == BulkJobState.Open) {
        throw new IllegalStateException(
            "ingest job " + jobId + " is still Open: close it (UploadComplete) before waiting");
      }
      Instant now = clock.instant();
      if (!now.isBefore(giveUpAt)) {
        throw new BulkJobTimeoutException(
            new SalesforceError(
                "JOB_WAIT_TIMEOUT",
                200,
                "job still " + job.state() + " after waiting " + maxWait + " (" + polls + " polls)",
                job.object(),
                jobId));
      }
      Duration remaining = Duration.between(now, giveUpAt);
      sleep(min(wait, remaining), jobId, cancelled);
      wait = min(wait.plus(wait.dividedBy(2)), max);
    }
  }

  private void sleep(Duration total, String jobId, BooleanSupplier cancelled) {
    Duration left = total;
    while (!left.isNegative() && !left.isZero()) {
      Duration slice = min(left, CANCEL_CHECK);
      try {
        sleeper.sleep(slice);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for bulk job " + jobId);
      }
      left = left.minus(slice);
      if (!left.isZero()) checkCancelled(jobId, cancelled);
    }
  }

  private static void checkCancelled(String jobId, BooleanSupplier cancelled) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted while waiting for bulk job " + jobId);
    }
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("stopped waiting for bulk job " + jobId);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
