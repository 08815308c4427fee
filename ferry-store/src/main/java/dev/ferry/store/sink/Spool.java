package dev.ferry.store.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * A copy of the COPY data written to a temp file, so a batch that tried to append straight into the
 * table can replay its rows through the staging table when that fails.
 */
final class Spool implements AutoCloseable {
  private final Path file;
  private final OutputStream out;

  Spool() {
    try {
      file = Files.createTempFile("ferry-sink-", ".csv");
      out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file for a sink batch", e);
    }
  }

  void write(byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool file " + file, e);
    }
  }

  /** Sends everything written so far into {@code copy}. */
  void replayInto(CopyIn copy) throws SQLException {
    byte[] buf = new byte[1 << 18];
    try {
      out.flush();
      try (InputStream in = Files.newInputStream(file)) {
        int n;
        while ((n = in.read(buf)) > 0) copy.writeToCopy(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replay the spool file " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }
}
