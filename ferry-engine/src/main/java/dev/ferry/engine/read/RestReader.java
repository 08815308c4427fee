package dev.ferry.engine.read;

import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import dev.ferry.engine.lifecycle.SyncLog;
import java.time.Duration;
import java.util.function.Consumer;

/** Streams a REST query (query or queryAll, paged lazily) into a consumer. */
final class RestReader {
  /** How many records go by between two checkpoints (one REST page). */
  static final int CHECK_EVERY = 2000;

  private RestReader() {}

  static long into(ReadContext w, Consumer<SfRecord> rows, Soql soql, boolean includeDeleted) {
    long start = System.nanoTime();
    long n = 0;
    try (RecordStream records = w.api().query(soql, includeDeleted)) {
      while (records.hasNext()) {
        rows.accept(records.next());
        if (++n % CHECK_EVERY == 0) w.check();
      }
    }
    SyncLog.query(w.mapping(), n, Duration.ofNanos(System.nanoTime() - start));
    return n;
  }
}
