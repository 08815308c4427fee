package dev.ferry.salesforce.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.ferry.core.sf.CsvSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One upload's body: the header row, then the source's rows from {@code fromRow} for as long as
 * they fit in {@code limitBytes}. A producer thread writes it through a {@link RowCutter} into a
 * {@link ChunkPipe} while the HTTP client reads, so the CSV is never held in memory. Each {@link
 * #open} starts from {@code fromRow} again (a resent request gets the same bytes).
 *
 * <p>With {@code partial} the body ends cleanly before the first row that does not fit and {@link
 * #endRow} says where the next part starts; without it, not fitting fails the body (and so the
 * request) and {@link #overLimit} turns true.
 */
final class CsvUploadBody {
  static final int PIPE_CHUNKS = 8;

  private final CsvSource csv;
  private final int fromRow;
  private final long limitBytes;
  private final boolean partial;
  private final byte[] headerLine;
  private volatile int endRow = -1;
  private volatile boolean overLimit;

  CsvUploadBody(CsvSource csv, int fromRow, long limitBytes, boolean partial) {
    this.csv = csv;
    this.fromRow = fromRow;
    this.limitBytes = limitBytes;
    this.partial = partial;
    this.headerLine = headerLine(csv);
  }

  static byte[] headerLine(CsvSource csv) {
    StringWriter out = new StringWriter();
    try (CsvWriter w =
        CsvWriter.builder()
            .quoteStrategy(QuoteStrategies.REQUIRED)
            .lineDelimiter(LineDelimiter.LF)
            .build(out)) {
      w.writeRecord(csv.header().names());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  InputStream open() {
    ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS);
    Thread.ofVirtual().name("ferry-bulk-upload").start(() -> produce(pipe));
    return pipe.input();
  }

  private void produce(ChunkPipe pipe) {
    RowCutter cutter = new RowCutter(pipe, limitBytes - headerLine.length);
    try {
      if (headerLine.length >= limitBytes) {
        overLimit = true;
        pipe.fail(new IOException("the header row alone exceeds the upload limit"));
        return;
      }
      pipe.put(headerLine);
      csv.writeRows(fromRow, csv.rowCount(), cutter);
      cutter.finish();
      endRow = fromRow + cutter.rows();
      pipe.end();
    } catch (RowCutter.PartFull full) {
      if (cutter.rows() == 0 || !partial) {
        overLimit = true;
        pipe.fail(
            new IOException(
                "row "
                    + (fromRow + cutter.rows())
                    + " does not fit in the upload limit of "
                    + limitBytes
                    + " bytes"));
        return;
      }
      cutter.drain();
      endRow = fromRow + cutter.rows();
      pipe.end();
    } catch (ChunkPipe.Closed closed) {
      // the HTTP client stopped reading; the request failed on its side
    } catch (Throwable t) {
      try {
        pipe.fail(t);
      } catch (ChunkPipe.Closed ignored) {
        // nobody is reading any more
      }
    }
  }

  /** First row not in this body, known once the body was read to its end. */
  int endRow() {
    return endRow;
  }

  boolean overLimit() {
    return overLimit;
  }

  int fromRow() {
    return fromRow;
  }
}
