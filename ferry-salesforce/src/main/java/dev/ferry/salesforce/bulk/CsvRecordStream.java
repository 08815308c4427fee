package dev.ferry.salesforce.bulk;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.StringArrayHandler;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.salesforce.internal.ErrorClassifier;
import dev.ferry.salesforce.internal.SfResponse;
import dev.ferry.salesforce.wire.CanonicalText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bulk API 2.0 CSV body (a query result page or an ingest result set) parsed row by row straight
 * from the HTTP response: nothing but FastCSV's small buffer is held, whatever the page size. The
 * first row is the header (every page has its own). Empty values are null, because Salesforce has
 * no empty strings; datetimes get their canonical form.
 *
 * <p>If the connection breaks mid-page, the same page is requested again (a locator can be read as
 * often as needed while the job exists) and the rows already delivered are skipped, up to {@code
 * maxResumes} times; after that the failure surfaces as a retriable {@code
 * SalesforceUnavailableException}.
 */
final class CsvRecordStream implements QueryResultPage {
  private static final Logger log = LoggerFactory.getLogger(CsvRecordStream.class);

  private final Supplier<SfResponse> reopen;
  private final @Nullable String nextLocator;
  private final long numberOfRecords;
  private final RecordHeader header;
  private int resumesLeft;
  private SfResponse response;
  private CsvReader<String[]> reader;
  private CloseableIterator<String[]> rows;
  private long delivered;
  private boolean closed;

  /**
   * @param response the first response, already open
   * @param reopen requests the same page again (after a broken connection)
   */
  CsvRecordStream(
      SfResponse response,
      Supplier<SfResponse> reopen,
      int maxResumes,
      @Nullable String nextLocator,
      long numberOfRecords) {
    this.response = response;
    this.reopen = reopen;
    this.resumesLeft = maxResumes;
    this.nextLocator = nextLocator;
    this.numberOfRecords = numberOfRecords;
    this.reader = reader(response);
    this.rows = reader.iterator();
    try {
      this.header = rows.hasNext() ? new RecordHeader(List.of(rows.next())) : RecordHeader.of();
    } catch (RuntimeException e) {
      close();
      throw translate(e);
    }
  }

  private static CsvReader<String[]> reader(SfResponse response) {
    return CsvReader.builder()
        .build(StringArrayHandler.of(), response.body(), StandardCharsets.UTF_8);
  }

  @Override
  public RecordHeader header() {
    return header;
  }

  @Override
  public long totalSize() {
    return numberOfRecords;
  }

  @Override
  public @Nullable String nextLocator() {
    return nextLocator;
  }

  @Override
  public long numberOfRecords() {
    return numberOfRecords;
  }

  @Override
  public boolean hasNext() {
    if (closed) return false;
    while (true) {
      try {
        return rows.hasNext();
      } catch (UncheckedIOException e) {
        resumeOrFail(e);
      } catch (RuntimeException e) {
        close();
        throw translate(e);
      }
    }
  }

  @Override
  public SfRecord next() {
    if (!hasNext()) throw new NoSuchElementException("no more rows [" + describe() + "]");
    String[] values;
    try {
      values = rows.next();
    } catch (RuntimeException e) {
      close();
      throw translate(e);
    }
    delivered++;
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      values[i] = v.isEmpty() ? null : CanonicalText.normalize(v);
    }
    return new SfRecord(header, values);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    release();
  }

  private void release() {
    try {
      reader.close();
    } catch (IOException | UncheckedIOException ignored) {
      // the response is closed next anyway
    }
    response.close();
  }

  /** Fetches the page again and skips the header and the rows already handed out. */
  private void resumeOrFail(UncheckedIOException broken) {
    release();
    if (resumesLeft <= 0) {
      closed = true;
      throw translate(broken);
    }
    resumesLeft--;
    log.atInfo()
        .setMessage("bulk result page broke off; fetching it again")
        .addKeyValue("call", describe())
        .addKeyValue("rows_done", delivered)
        .addKeyValue("error", broken.getMessage())
        .log();
    try {
      response = reopen.get();
    } catch (RuntimeException e) {
      closed = true;
      throw e;
    }
    reader = reader(response);
    rows = reader.iterator();
    try {
      String[] again = rows.hasNext() ? rows.next() : new String[0];
      if (!List.of(again).equals(header.names())) {
        closed = true;
        release();
        throw ErrorClassifier.malformedResponse(
            response.status(),
            "page fetched again has other columns: " + List.of(again),
            response.request(),
            broken);
      }
      for (long i = 0; i < delivered; i++) rows.next();
    } catch (UncheckedIOException e) {
      resumeOrFail(e);
    } catch (NoSuchElementException e) {
      closed = true;
      release();
      throw ErrorClassifier.malformedResponse(
          response.status(), "page fetched again is shorter than before", response.request(), e);
    }
  }

  private String describe() {
    return response.request().describe();
  }

  private RuntimeException translate(RuntimeException e) {
    if (e instanceof UncheckedIOException io) {
      return ErrorClassifier.forIo(io.getCause(), response.request()).error();
    }
    if (e instanceof CsvParseException || e instanceof IllegalArgumentException) {
      return ErrorClassifier.malformedResponse(
          response.status(), "unreadable CSV: " + e.getMessage(), response.request(), e);
    }
    return e;
  }
}
