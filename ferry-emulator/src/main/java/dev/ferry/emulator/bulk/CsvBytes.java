package dev.ferry.emulator.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Query-result CSV written straight into a byte buffer (the hot path of Bulk query results): every
 * value double-quoted, quotes doubled, ASCII copied without an intermediate String, the buffer
 * flushed to the response in large pieces.
 */
public final class CsvBytes {
  private static final int FLUSH = 256 * 1024;

  private final OutputStream out;
  private final byte delimiter;
  private final byte[] newline;
  private byte[] buf = new byte[FLUSH + 64 * 1024];
  private int len;
  private boolean first = true;

  public CsvBytes(OutputStream out, CsvDialect dialect) {
    this.out = out;
    this.delimiter = (byte) dialect.delimiter();
    this.newline = dialect.newline().getBytes(StandardCharsets.US_ASCII);
  }

  public void value(@Nullable Object value) {
    if (value instanceof String s) {
      quoted(s);
    } else if (value instanceof Instant i) {
      instant(i);
    } else {
      quoted(CsvOut.format(value));
    }
  }

  /** {@code "2024-01-02T03:04:05.000Z"} written as bytes (the most frequent non-text value). */
  private void instant(Instant instant) {
    long seconds = instant.getEpochSecond();
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      quoted(CsvOut.format(instant));
      return;
    }
    int secOfDay = (int) Math.floorMod(seconds, 86_400);
    int millis = instant.getNano() / 1_000_000;
    ensure(28);
    if (!first) {
      buf[len++] = delimiter;
    }
    first = false;
    buf[len++] = '"';
    digits(year, 4);
    buf[len++] = '-';
    digits(d.getMonthValue(), 2);
    buf[len++] = '-';
    digits(d.getDayOfMonth(), 2);
    buf[len++] = 'T';
    digits(secOfDay / 3600, 2);
    buf[len++] = ':';
    digits((secOfDay / 60) % 60, 2);
    buf[len++] = ':';
    digits(secOfDay % 60, 2);
    buf[len++] = '.';
    digits(millis, 3);
    buf[len++] = 'Z';
    buf[len++] = '"';
  }

  private void digits(int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    len += width;
  }

  public void quoted(@Nullable String s) {
    int n = s == null ? 0 : s.length();
    ensure(n * 2 + 3);
    if (!first) {
      buf[len++] = delimiter;
    }
    first = false;
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        writeNonAscii(s, i);
        return;
      }
      if (c == '"') {
        buf[len++] = '"';
      }
      buf[len++] = (byte) c;
    }
    buf[len++] = '"';
  }

  /** The rest of a value that holds non-ASCII characters, through the UTF-8 encoder. */
  private void writeNonAscii(String s, int from) {
    byte[] bytes = s.substring(from).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length + 1);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    buf[len++] = '"';
  }

  public void endRow() throws IOException {
    ensure(newline.length);
    System.arraycopy(newline, 0, buf, len, newline.length);
    len += newline.length;
    first = true;
    if (len >= FLUSH) {
      flush();
    }
  }

  public void flush() throws IOException {
    out.write(buf, 0, len);
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      byte[] bigger = new byte[Math.max(buf.length * 2, len + extra)];
      System.arraycopy(buf, 0, bigger, 0, len);
      buf = bigger;
    }
  }
}
