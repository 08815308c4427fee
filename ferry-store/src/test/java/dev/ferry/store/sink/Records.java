package dev.ferry.store.sink;

import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SfRecord;

/** Builds records with one header, as a query page would. */
final class Records {
  private final RecordHeader header;

  Records(String... fields) {
    header = RecordHeader.of(fields);
  }

  SfRecord row(String... values) {
    return new SfRecord(header, values);
  }
}
