package dev.ferry.engine.write;

import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.store.ChangeEntry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's next claim, made on a virtual thread while the current claim is being written, so
 * the Postgres work of claiming (marking entries PENDING, reading their values) overlaps the
 * Salesforce calls instead of following them. It claims {@linkplain ChangeLog#claimInOrder in
 * order}: it stops before the first entry of a record still in flight, so the entries it returns
 * are the next ones in capture order and are written after the current claim, exactly as a claim
 * made afterwards would be.
 */
final class ClaimAhead {
  private static final Logger log = LoggerFactory.getLogger(ClaimAhead.class);

  private final ChangeLog changeLog;
  private final CompletableFuture<List<ChangeEntry>> next;

  ClaimAhead(ChangeLog changeLog, int max, Set<String> tables) {
    this.changeLog = changeLog;
    Set<String> copy = Set.copyOf(tables);
    this.next = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("ferry-claim-ahead")
        .start(() -> {
          try {
            next.complete(changeLog.claimInOrder(max, copy));
          } catch (Throwable t) {
            next.completeExceptionally(t);
          }
        });
  }

  /** The entries claimed (PENDING now); the claim's failure is rethrown. */
  List<ChangeEntry> join() {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  /**
   * The current claim failed or was stopped: puts what was claimed ahead back to NEW (never sent).
   * If that fails too, the next pass's reconciliation releases them as claimed-but-unsent.
   */
  void release() {
    try {
      List<ChangeEntry> claimed = join();
      if (!claimed.isEmpty()) changeLog.release(claimed.stream().map(ChangeEntry::id).toList());
    } catch (RuntimeException e) {
      log.debug("could not release the entries claimed ahead: {}", e.toString());
    }
  }
}
