package dev.ferry.salesforce.bulk;

import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The Writer a {@link dev.ferry.core.sf.CsvSource} writes rows into. It finds row ends (a line feed
 * outside double quotes, so quoted multi-line values stay whole), encodes each row as UTF-8, and
 * forwards whole rows in chunks. When the next row would push the part past its byte budget it
 * throws {@link PartFull} before forwarding it, so a part always ends on a row boundary.
 */
final class RowCutter extends Writer {
  static final int CHUNK = 64 * 1024;

  /** The row that did not fit; it starts the next part. */
  static final class PartFull extends RuntimeException {
    PartFull() {
      super("upload part is full", null, false, false);
    }
  }

  private final ChunkPipe pipe;
  private final long budget;
  private final StringBuilder row = new StringBuilder(256);
  private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK + 1024);
  private boolean inQuotes;
  private long bytes;
  private int rows;

  RowCutter(ChunkPipe pipe, long budget) {
    this.pipe = pipe;
    this.budget = budget;
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    for (int i = off; i < off + len; i++) take(cbuf[i]);
  }

  @Override
  public void write(String s, int off, int len) {
    for (int i = off; i < off + len; i++) take(s.charAt(i));
  }

  @Override
  public void write(int c) {
    take((char) c);
  }

  private void take(char c) {
    row.append(c);
    if (c == '"') {
      inQuotes = !inQuotes;
    } else if (c == '\n' && !inQuotes) {
      endRow();
    }
  }

  private void endRow() {
    byte[] encoded = row.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes + encoded.length > budget) throw new PartFull();
    row.setLength(0);
    bytes += encoded.length;
    rows++;
    chunk.writeBytes(encoded);
    if (chunk.size() >= CHUNK) drain();
  }

  /** Ends the part: a last row without a line feed counts as a row; buffered bytes go out. */
  void finish() {
    if (!row.isEmpty()) {
      if (inQuotes) {
        throw new IllegalStateException("CSV source ended inside a quoted value");
      }
      row.append('\n');
      endRow();
    }
    drain();
  }

  /** Forwards whole rows accepted so far (after a {@link PartFull}). */
  void drain() {
    if (chunk.size() > 0) {
      pipe.put(chunk.toByteArray());
      chunk.reset();
    }
  }

  int rows() {
    return rows;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void flush() {
    // rows are forwarded whole, never half
  }

  @Override
  public void close() {
    // the part is ended by finish(), not by the source closing its writer
  }
}
