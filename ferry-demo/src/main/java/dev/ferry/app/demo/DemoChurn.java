package dev.ferry.app.demo;

import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.soql.Soql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Someone working in Salesforce: every few seconds a handful of Contacts get a new Title through
 * the Salesforce API, so the demo's polls have changes to bring to Postgres.
 */
public final class DemoChurn implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoChurn.class);
  private static final int ID_SAMPLE = 5_000;

  private final SalesforceApi salesforce;
  private final int perTick;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("demo-churn").factory());
  private final SplittableRandom random = new SplittableRandom(7);
  private final ConcurrentLinkedQueue<String> news = new ConcurrentLinkedQueue<>();
  private final AtomicLong updated = new AtomicLong();
  private List<String> ids;

  private DemoChurn(SalesforceApi salesforce, int perTick) {
    this.salesforce = salesforce;
    this.perTick = perTick;
  }

  static DemoChurn start(SalesforceApi salesforce, int perTick, Duration every) {
    DemoChurn churn = new DemoChurn(salesforce, perTick);
    churn.timer.scheduleWithFixedDelay(
        churn::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return churn;
  }

  private void tick() {
    try {
      if (ids == null) ids = sampleIds();
      if (ids.isEmpty()) return;
      List<SaveRequest> changes = new ArrayList<>();
      long n = updated.get();
      for (int i = 0; i < perTick; i++) {
        String id = ids.get(random.nextInt(ids.size()));
        changes.add(new SaveRequest("Contact", id, Map.of("Title", "Demo title #" + (n + i + 1))));
      }
      List<SaveResult> results = salesforce.save(SaveOperation.UPDATE, "Contact", changes, null);
      long ok = results.stream().filter(SaveResult::success).count();
      updated.addAndGet(ok);
      news.add("updated " + ok + " Contacts in Salesforce (Title)");
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("error", e.getMessage()).log("demo churn failed; trying again");
    }
  }

  private List<String> sampleIds() {
    List<String> sample = new ArrayList<>();
    try (RecordStream s =
        salesforce.query(Soql.select("Id").from("Contact").limit(ID_SAMPLE).build(), false)) {
      while (s.hasNext()) sample.add(s.next().id());
    }
    return sample;
  }

  /** What happened since the last call, for the progress display. */
  List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String s; (s = news.poll()) != null; ) out.add(s);
    return out;
  }

  public long updated() {
    return updated.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (salesforce instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closing an HTTP client; nothing to recover
      }
    }
  }
}
