package dev.ferry.emulator.bulk;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.ferry.emulator.control.RecordFaults;
import dev.ferry.emulator.org.ChangeOrigin;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.OrgStore;
import dev.ferry.emulator.org.OrgStore.WriteTx;
import dev.ferry.emulator.org.RecordInput;
import dev.ferry.emulator.org.RecordSaver;
import dev.ferry.emulator.org.RecordSaver.Saved;
import dev.ferry.emulator.org.SaveError;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.org.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Processes an ingest job the way Bulk API 2.0 does: the CSV is split into internal batches of
 * 10,000 records; each batch is saved in one transaction with per-row results. A batch that fails
 * (injected fault) or runs past its time limit is rolled back and retried up to 10 times; after
 * that the job is Failed and the remaining rows are unprocessed. Rows already processed stay.
 */
final class IngestProcessor {
  static final int BATCH_SIZE = 10_000;
  static final int MAX_RETRIES = 10;

  private final OrgStore store;
  private final Supplier<RecordSaver> saver;
  private final RecordFaults recordFaults;
  private final BulkControls controls;
  private final Duration batchTimeout;

  IngestProcessor(
      OrgStore store,
      Supplier<RecordSaver> saver,
      RecordFaults recordFaults,
      BulkControls controls,
      Duration batchTimeout) {
    this.store = store;
    this.saver = saver;
    this.recordFaults = recordFaults;
    this.controls = controls;
    this.batchTimeout = batchTimeout;
  }

  void process(IngestJob job) throws InterruptedException {
    byte[] data = job.data();
    job.releaseData();
    ObjectDef def = store.schema().find(job.object()).orElse(null);
    if (def == null) {
      job.fail("InvalidJob : Unable to find object: " + job.object());
      return;
    }
    List<String[]> rows = new ArrayList<>();
    List<String> header;
    try {
      header = parse(job, data, rows);
    } catch (IllegalArgumentException e) {
      job.fail(e.getMessage());
      return;
    }
    job.header(header);
    IngestColumns columns;
    try {
      columns = IngestColumns.resolve(def, header);
      checkOperationColumns(job, def, columns);
    } catch (IllegalArgumentException e) {
      job.addUnprocessed(rows);
      job.fail(e.getMessage());
      return;
    }
    for (int start = 0; start < rows.size(); start += BATCH_SIZE) {
      List<String[]> batch = rows.subList(start, Math.min(rows.size(), start + BATCH_SIZE));
      if (job.state() == JobState.Aborted) {
        job.addUnprocessed(rows.subList(start, rows.size()));
        return;
      }
      if (controls.processedToday() + batch.size() > controls.dailyLimit()) {
        job.addUnprocessed(rows.subList(start, rows.size()));
        job.fail(
            "Exceeded the limit of "
                + controls.dailyLimit()
                + " records processed by Bulk API in a rolling 24-hour period");
        return;
      }
      Optional<String> failure = runWithRetries(job, def, columns, batch);
      if (failure.isPresent()) {
        job.addUnprocessed(rows.subList(start, rows.size()));
        job.fail(failure.get());
        return;
      }
      controls.reserve(batch.size());
    }
  }

  /** Runs one batch until it succeeds or has been retried {@link #MAX_RETRIES} times. */
  private Optional<String> runWithRetries(
      IngestJob job, ObjectDef def, IngestColumns columns, List<String[]> batch)
      throws InterruptedException {
    String lastReason = null;
    for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      if (attempt > 0) {
        job.addRetry();
      }
      long started = System.nanoTime();
      if (controls.takeFailure()) {
        lastReason = "InternalServerError : batch processing failed";
        continue;
      }
      long delay = controls.takeDelayMillis();
      if (delay > 0) {
        Thread.sleep(Math.min(delay, batchTimeout.toMillis() + 1));
      }
      try {
        BatchResult result =
            store.write(
                ChangeOrigin.bulk(job.apiVersion().number(), null),
                tx -> runBatch(tx, job, def, columns, batch, started));
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        job.addProcessingTime(ms);
        job.addActiveTime(ms);
        job.addResults(result.successful, result.failed);
        return Optional.empty();
      } catch (BatchTimeout e) {
        lastReason =
            "Batch exceeded the processing time limit of " + batchTimeout.toSeconds() + " seconds";
      }
    }
    return Optional.of(
        lastReason + "; the batch was retried " + MAX_RETRIES + " times and the job stopped");
  }

  private record BatchResult(List<String[]> successful, List<String[]> failed) {}

  private static final class BatchTimeout extends RuntimeException {
    BatchTimeout() {
      super(null, null, false, false);
    }
  }

  private BatchResult runBatch(
      WriteTx tx,
      IngestJob job,
      ObjectDef def,
      IngestColumns columns,
      List<String[]> batch,
      long started) {
    RecordSaver s = saver.get();
    List<String[]> ok = new ArrayList<>();
    List<String[]> bad = new ArrayList<>();
    boolean idOnly = job.operation().equals("delete") || job.operation().equals("hardDelete");
    for (String[] row : batch) {
      int savepoint = tx.savepoint();
      String rowId =
          columns.idIndex() >= 0 && columns.idIndex() < row.length ? row[columns.idIndex()] : "";
      try {
        Optional<SaveError> injected = recordFaults.next();
        if (injected.isPresent()) {
          throw new SaveException(injected.get());
        }
        RecordInput input = RecordInput.csv(columns.toInput(row, idOnly));
        Saved saved =
            switch (job.operation()) {
              case "insert" -> s.insert(tx, def, input);
              case "update" -> s.update(tx, def, rowId, withoutId(input));
              case "upsert" ->
                  s.upsert(tx, def, def.fieldDef(job.externalIdFieldName()).orElseThrow(), input);
              case "delete" -> s.delete(tx, def, rowId, false);
              case "hardDelete" -> s.delete(tx, def, rowId, true);
              default -> throw new IllegalStateException(job.operation());
            };
        ok.add(successRow(tx, columns, row, saved));
      } catch (SaveException e) {
        tx.rollbackTo(savepoint);
        String[] line = new String[row.length + 2];
        line[0] = job.operation().equals("insert") ? "" : emptyIfNull(rowId);
        line[1] = e.error().bulkText();
        System.arraycopy(row, 0, line, 2, row.length);
        bad.add(line);
      }
    }
    if (System.nanoTime() - started > batchTimeout.toNanos()) {
      throw new BatchTimeout(); // rolls the whole batch back
    }
    return new BatchResult(ok, bad);
  }

  private static RecordInput withoutId(RecordInput input) {
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>(input.values());
    copy.keySet().removeIf(k -> k.equalsIgnoreCase("Id"));
    return new RecordInput(copy, true);
  }

  private static String emptyIfNull(String s) {
    return s == null ? "" : s;
  }

  /** sf__Id, sf__Created, then the row's values as stored (normalised by type). */
  private static String[] successRow(WriteTx tx, IngestColumns columns, String[] row, Saved saved) {
    String[] line = new String[row.length + 2];
    line[0] = saved.id();
    line[1] = saved.created() ? "true" : "false";
    StoredRecord stored = tx.get(saved.id());
    for (int i = 0; i < row.length; i++) {
      String raw = row[i];
      String echo = raw;
      if (stored != null
          && i < columns.size()
          && raw != null
          && !raw.isEmpty()
          && !raw.equals("#N/A")) {
        IngestColumns.Column c = columns.columns().get(i);
        FieldDef f = c.field();
        if (!c.isRelationship() && f != null && f.slot() >= 0) {
          String formatted = CsvOut.format(stored.get(f));
          if (formatted != null) {
            echo = formatted;
          }
        }
      }
      line[i + 2] = echo;
    }
    return line;
  }

  private static void checkOperationColumns(IngestJob job, ObjectDef def, IngestColumns columns) {
    switch (job.operation()) {
      case "update", "delete", "hardDelete" -> {
        if (columns.idIndex() < 0) {
          throw new IllegalArgumentException("InvalidBatch : Field name not found : Id");
        }
      }
      case "upsert" -> {
        String ext = job.externalIdFieldName();
        if (ext == null || !columns.has(ext)) {
          throw new IllegalArgumentException(
              "InvalidBatch : The external ID field " + ext + " is missing from the header");
        }
      }
      default -> {}
    }
  }

  /** Parses the uploaded CSV: the header, and the rows into {@code rows}. */
  static List<String> parse(IngestJob job, byte[] data, List<String[]> rows) {
    if (data.length == 0) {
      throw new IllegalArgumentException("InvalidBatch : Records not found in the job data");
    }
    checkLineEnding(job.dialect(), data);
    String text = new String(data, StandardCharsets.UTF_8);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<String> header = null;
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(job.dialect().delimiter())
            .skipEmptyLines(true)
            .allowMissingFields(true)
            .allowExtraFields(true)
            .ofCsvRecord(text)) {
      for (CsvRecord r : reader) {
        if (header == null) {
          header = r.getFields();
          continue;
        }
        List<String> fields = r.getFields();
        if (fields.size() == header.size() && fields.equals(header) && job.uploads() > 1) {
          continue; // the header of a later upload
        }
        String[] row = new String[header.size()];
        for (int i = 0; i < row.length && i < fields.size(); i++) {
          row[i] = fields.get(i);
        }
        for (int i = fields.size(); i < row.length; i++) {
          row[i] = "";
        }
        rows.add(row);
      }
    } catch (CsvParseException e) {
      throw new IllegalArgumentException("InvalidBatch : Failed to parse CSV: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("InvalidBatch : " + e.getMessage());
    }
    if (header == null) {
      throw new IllegalArgumentException("InvalidBatch : Records not found in the job data");
    }
    if (header.size() > 5000) {
      throw new IllegalArgumentException("InvalidBatch : Too many fields in the header (max 5000)");
    }
    return header;
  }

  /** The first line ending must match the job's lineEnding, as Salesforce checks. */
  private static void checkLineEnding(CsvDialect dialect, byte[] data) {
    int nl = -1;
    boolean quoted = false;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '"') {
        quoted = !quoted;
      } else if (data[i] == '\n' && !quoted) {
        nl = i;
        break;
      }
    }
    if (nl < 0) {
      return; // a single line: nothing to check
    }
    boolean crlf = nl > 0 && data[nl - 1] == '\r';
    if (crlf != dialect.lineEnding().equals("CRLF")) {
      throw new IllegalArgumentException(
          "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is "
              + dialect.lineEnding());
    }
  }

  /** Results CSVs of the job (spec §6.5). */
  static String successfulCsv(IngestJob job) {
    return resultCsv(job, "\"sf__Id\"", "\"sf__Created\"", job.successful(), 2);
  }

  static String failedCsv(IngestJob job) {
    return resultCsv(job, "\"sf__Id\"", "\"sf__Error\"", job.failed(), 2);
  }

  static String unprocessedCsv(IngestJob job) {
    return resultCsv(job, null, null, job.unprocessed(), 0);
  }

  private static String resultCsv(
      IngestJob job, String first, String second, List<String[]> lines, int prefix) {
    StringBuilder sb = new StringBuilder();
    CsvOut out = new CsvOut(sb, job.dialect());
    if (first != null) {
      out.raw(first).raw(second);
    }
    for (String h : job.header()) {
      out.raw(h);
    }
    out.endRow();
    for (String[] line : lines) {
      for (String v : line) {
        out.quoted(v == null ? "" : v);
      }
      out.endRow();
    }
    return sb.toString();
  }
}
