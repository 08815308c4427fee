package dev.ferry.salesforce.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Breaks reads that wait too long for data. The JDK client's timeout ends when the response headers
 * arrive; a connection that then stalls silently (half-open TCP) would block its reader forever. A
 * watched body remembers when data last came; a daemon thread interrupts a read that has waited
 * longer than {@code idleTimeout}, which then fails with an IOException (and a Bulk page is fetched
 * again). The interrupt never leaks: it is sent and cleared under the stream's lock.
 */
public final class IdleWatchdog implements AutoCloseable {
  private final long idleNanos;
  private final Set<Watched> reading = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;

  public IdleWatchdog(Duration idleTimeout) {
    this.idleNanos = idleTimeout.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "ferry-salesforce-idle-watchdog");
          t.setDaemon(true);
          return t;
        });
    long period = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
    timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  public InputStream watch(InputStream body) {
    return new Watched(body);
  }

  private void check() {
    long now = System.nanoTime();
    for (Watched w : reading) w.interruptIfIdle(now);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private final class Watched extends FilterInputStream {
    private Thread reader;
    private long since;
    private boolean fired;

    Watched(InputStream in) {
      super(in);
    }

    synchronized void interruptIfIdle(long now) {
      if (reader != null && !fired && now - since > idleNanos) {
        fired = true;
        reader.interrupt();
      }
    }

    private synchronized void enter() {
      reader = Thread.currentThread();
      since = System.nanoTime();
      fired = false;
      reading.add(this);
    }

    /** Ends a read; true when the watchdog interrupted it (the interrupt is cleared). */
    private synchronized boolean leave() {
      reading.remove(this);
      reader = null;
      if (fired) {
        Thread.interrupted();
        return true;
      }
      return false;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      enter();
      IOException failure = null;
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      } finally {
        // when data arrived just as the watchdog fired, the read succeeded: keep its result
        if (leave() && failure != null) {
          throw new IOException(
              "no data for " + Duration.ofNanos(idleNanos).toMillis() + " ms; connection dropped",
              failure);
        }
      }
    }
  }
}
