package dev.ferry.engine.plan;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.store.Mapping;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Each mapping's {@link MappingModel}, kept between polls so an idle poll costs no describe call,
 * and described again when the config changed, every {@code maxAge}, or on demand (a query that
 * named a field Salesforce no longer knows). A config that no longer fits the describe throws
 * {@link dev.ferry.core.error.ConfigException} naming the fields (the mapping goes BAD_CONFIG).
 */
public final class ModelCache {
  private final MappingValidator validator;
  private final Duration maxAge;
  private final InstantSource clock;
  private final Map<MappingId, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(int revision, MappingModel model, Instant describedAt) {}

  /**
   * The model, and whether a fresh describe changed the table it designs (then the table must be
   * altered: SCHEMA_CHANGED).
   */
  public record Resolved(MappingModel model, boolean tableChanged) {}

  public ModelCache(MappingValidator validator, Duration maxAge, InstantSource clock) {
    this.validator = validator;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public Resolved get(Mapping mapping, SalesforceApi api, boolean refresh) {
    Instant now = clock.instant();
    Entry cached = entries.get(mapping.id());
    boolean fresh =
        cached != null
            && cached.revision() == mapping.revision()
            && !refresh
            && Duration.between(cached.describedAt(), now).compareTo(maxAge) < 0;
    if (fresh) return new Resolved(cached.model(), false);
    MappingModel model;
    try {
      model = validator.resolve(api, mapping.objectName(), mapping.config());
    } catch (RuntimeException e) {
      entries.remove(mapping.id());
      throw e;
    }
    entries.put(mapping.id(), new Entry(mapping.revision(), model, now));
    boolean changed =
        cached != null
            && cached.revision() == mapping.revision()
            && !cached.model().spec().equals(model.spec());
    return new Resolved(model, changed);
  }

  public @Nullable MappingModel peek(MappingId id) {
    Entry e = entries.get(id);
    return e == null ? null : e.model();
  }

  public void forget(MappingId id) {
    entries.remove(id);
  }
}
