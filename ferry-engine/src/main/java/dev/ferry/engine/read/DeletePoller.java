package dev.ferry.engine.read;

import dev.ferry.core.sf.DeletedRecords;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.DeleteResult;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.engine.lifecycle.SyncLog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * POLLING_SF_FOR_DELETES: asks getDeleted for what was deleted since the last check (records
 * hard-deleted or purged from the recycle bin never show up in queryAll; soft deletes were already
 * applied by the change poll). getDeleted works on whole minutes, so it runs at most once per
 * minute. When Salesforce no longer covers the whole gap (its recycle bin was emptied after the
 * last check), a notification says so: only a reload can find rows deleted in between.
 */
public final class DeletePoller {
  /** getDeleted refuses a start more than 30 days back. */
  private static final Duration MAX_REACH = Duration.ofDays(29);

  private final ReadContext w;

  public DeletePoller(ReadContext w) {
    this.w = w;
  }

  /** Returns the rows removed (or flagged); -1 when it was not yet time to ask. */
  public long poll() {
    if (!w.model().describe().summary().replicateable()) return -1;
    Instant now = w.now();
    Instant from =
        w.stores()
            .watermarks()
            .read(w.mapping().id(), WatermarkKind.DELETES)
            .orElse(now.minus(Duration.ofMinutes(1)));
    if (from.isBefore(now.minus(MAX_REACH))) {
      notice("deletes before " + now.minus(MAX_REACH) + " cannot be asked for any more");
      from = now.minus(MAX_REACH);
    }
    if (!now.truncatedTo(ChronoUnit.MINUTES).isAfter(from.truncatedTo(ChronoUnit.MINUTES))) {
      return -1;
    }
    String object = w.model().objectName();
    w.move(MappingState.POLLING_SF_FOR_DELETES, "Polling " + object + " for deleted records");
    DeletedRecords deleted = w.api().getDeleted(object, from, now);
    if (deleted.earliestDateAvailable().isAfter(from)) {
      notice(
          "Salesforce keeps deletes of "
              + object
              + " only since "
              + deleted.earliestDateAvailable()
              + " (recycle bin emptied); rows deleted between "
              + from
              + " and then may still be in Postgres: reload the mapping to be sure");
    }
    List<String> ids = deleted.deleted().stream().map(DeletedRecords.Deleted::id).toList();
    w.check();
    long t0 = System.nanoTime();
    DeleteResult r = w.sink().delete(w.target(), ids, deleted.latestDateCovered());
    if (r.affected() > 0) {
      SyncLog.database(
          w.mapping(), "DELETE", r.affected(), Duration.ofNanos(System.nanoTime() - t0));
      w.events().deletesApplied(w.mapping().id(), r.affected());
    }
    return r.affected();
  }

  private void notice(String message) {
    SyncLog.mappingWarn(w.mapping(), message);
    w.stores()
        .notifications()
        .add(w.mapping().connectionId(), w.mapping().id(), "deletes_gap", message);
  }
}
