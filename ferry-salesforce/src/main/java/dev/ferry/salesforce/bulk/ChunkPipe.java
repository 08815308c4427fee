package dev.ferry.salesforce.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of byte chunks from a producer thread to the HTTP client reading an
 * InputStream: at most {@code capacity} chunks wait, so memory stays small however large the
 * upload. If the reader goes away, the producer's next {@link #put} throws {@link Closed}.
 */
final class ChunkPipe {
  private static final Object END = new Object();

  /** The consumer closed its end; the producer should stop. */
  static final class Closed extends RuntimeException {
    Closed() {
      super("upload reader closed", null, false, false);
    }
  }

  private record Failure(Throwable cause) {}

  private final BlockingQueue<Object> queue;
  private volatile boolean readerClosed;

  ChunkPipe(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void put(byte[] chunk) {
    offer(chunk);
  }

  void end() {
    offer(END);
  }

  void fail(Throwable cause) {
    offer(new Failure(cause));
  }

  private void offer(Object item) {
    try {
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (readerClosed) throw new Closed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Closed();
    }
  }

  InputStream input() {
    return new InputStream() {
      private byte[] current = new byte[0];
      private int pos;
      private boolean ended;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos >= current.length) {
          if (ended) return -1;
          Object item;
          try {
            item = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the upload", e);
          }
          if (item == END) {
            ended = true;
            return -1;
          }
          if (item instanceof Failure f) {
            ended = true;
            throw new IOException("upload body failed: " + f.cause().getMessage(), f.cause());
          }
          current = (byte[]) item;
          pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
      }

      @Override
      public void close() {
        readerClosed = true;
        queue.clear();
      }
    };
  }
}
