package dev.ferry.store.sink;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows as {@code COPY ... (FORMAT csv)} input, buffered, into a {@link Target} (the COPY
 * stream, and the spool when there is one). Null is an unquoted empty field; other values are
 * quoted only when they must be (separator, quote, line breaks, backslash — the latter also keeps a
 * lone {@code \.} from ending the data).
 */
final class CopyCsvWriter {
  private static final int BUFFER = 1 << 18;

  /** Where full buffers go. */
  interface Target {
    void write(byte[] bytes, int length) throws SQLException;
  }

  private final Target target;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private boolean firstField = true;

  CopyCsvWriter(Target target) {
    this.target = target;
  }

  void field(@Nullable String value) throws SQLException {
    if (!firstField) put((byte) ',');
    firstField = false;
    if (value == null) return;
    if (needsQuotes(value)) {
      put((byte) '"');
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        if (ch == '"') put((byte) '"');
        putChar(value, i, ch);
        if (Character.isHighSurrogate(ch)) i++;
      }
      put((byte) '"');
    } else {
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        putChar(value, i, ch);
        if (Character.isHighSurrogate(ch)) i++;
      }
    }
  }

  void endRow() throws SQLException {
    put((byte) '\n');
    firstField = true;
  }

  void flush() throws SQLException {
    if (pos > 0) target.write(buf, pos);
    pos = 0;
  }

  private static boolean needsQuotes(String v) {
    if (v.isEmpty()) return true;
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r' || ch == '\\') return true;
    }
    return false;
  }

  private void putChar(String s, int i, char ch) throws SQLException {
    if (ch < 0x80) {
      put((byte) ch);
    } else {
      int end = Character.isHighSurrogate(ch) && i + 1 < s.length() ? i + 2 : i + 1;
      byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
      for (byte x : b) put(x);
    }
  }

  private void put(byte b) throws SQLException {
    if (pos == BUFFER) flush();
    buf[pos++] = b;
  }
}
