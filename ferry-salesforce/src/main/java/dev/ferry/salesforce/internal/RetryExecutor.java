package dev.ferry.salesforce.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt until it succeeds, fails permanently, runs out of attempts, or the next wait
 * would pass the call's deadline. The policy (attempts, exponential backoff with ±50% jitter, which
 * failures qualify) is a resilience4j {@link RetryConfig}; the loop is ours because resilience4j
 * sleeps on a static {@code Thread.sleep} and has no deadline, while Ferry injects its clock and
 * sleeper so tests never wait for real time.
 *
 * <p>Idempotency rule: an idempotent request is retried on any retriable failure; a non-idempotent
 * one (create, upload, ingest job creation) only when the failure proves Salesforce did not process
 * it (429/420/503, UNABLE_TO_LOCK_ROW, a refused connection). A timeout or reset after sending a
 * create is never retried: it surfaces as retriable to the caller, who can check what happened
 * before trying again.
 */
public final class RetryExecutor {
  private static final Logger log = LoggerFactory.getLogger(RetryExecutor.class);

  private final RetryConfig idempotent;
  private final RetryConfig cautious;
  private final Duration maxBackoff;
  private final Duration deadline;
  private final InstantSource clock;
  private final Sleeper sleeper;

  public RetryExecutor(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration deadline,
      InstantSource clock,
      Sleeper sleeper) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, maxBackoff);
    this.idempotent =
        RetryConfig.custom()
            .maxAttempts(maxAttempts)
            .intervalFunction(backoff)
            .retryOnException(t -> t instanceof CallFailure f && f.retriable())
            .build();
    this.cautious =
        RetryConfig.custom()
            .maxAttempts(maxAttempts)
            .intervalFunction(backoff)
            .retryOnException(t -> t instanceof CallFailure f && f.retriable() && f.notProcessed())
            .build();
    this.maxBackoff = maxBackoff;
    this.deadline = deadline;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs {@code attempt}; on final failure throws the classified {@link CallFailure}. */
  public <T> T run(SfRequest request, Supplier<T> attempt) {
    RetryConfig config = request.idempotent() ? idempotent : cautious;
    Instant giveUpAt = clock.instant().plus(deadline);
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (CallFailure failure) {
        if (!config.getExceptionPredicate().test(failure) || n >= config.getMaxAttempts()) {
          throw failure;
        }
        Duration wait = waitBefore(config, n, failure);
        if (clock.instant().plus(wait).isAfter(giveUpAt)) throw failure;
        log.atInfo()
            .setMessage("retrying salesforce call")
            .addKeyValue("call", request.describe())
            .addKeyValue("attempt", n + 1)
            .addKeyValue("wait_ms", wait.toMillis())
            .addKeyValue("error", failure.getMessage())
            .log();
        sleep(wait, request);
      }
    }
  }

  private Duration waitBefore(RetryConfig config, int attempt, CallFailure failure) {
    Duration computed =
        Duration.ofMillis(config.getIntervalBiFunction().apply(attempt, Either.left(failure)));
    Duration retryAfter = failure.retryAfter();
    if (retryAfter != null && retryAfter.compareTo(computed) > 0) {
      return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
    }
    return computed;
  }

  private void sleep(Duration wait, SfRequest request) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while retrying " + request.describe());
    }
  }
}
