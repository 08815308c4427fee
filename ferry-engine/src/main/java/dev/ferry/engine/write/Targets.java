package dev.ferry.engine.write;

import static dev.ferry.core.state.MappingState.BAD_CONFIG;
import static dev.ferry.core.state.MappingState.INITIAL;
import static dev.ferry.core.state.MappingState.SYNC_REMOVED;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.MappingStore;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.plan.MappingModel;
import dev.ferry.engine.plan.MappingValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of a connection the writer can write now, with their models. Kept apart from the read
 * path's model cache on purpose: the read path notices a changed describe by refreshing its own
 * cache, and the writer must not consume that refresh. A mapping being created, removed or in
 * BAD_CONFIG is not written (its entries wait, NEW).
 */
final class Targets {
  private static final Logger log = LoggerFactory.getLogger(Targets.class);
  private static final Set<MappingState> NOT_WRITTEN = Set.of(INITIAL, SYNC_REMOVED, BAD_CONFIG);

  private final MappingStore mappings;
  private final MappingValidator validator;
  private final Duration maxAge;
  private final InstantSource clock;
  private final Map<MappingId, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(int revision, MappingModel model, Instant at) {}

  Targets(MappingStore mappings, MappingValidator validator, Duration maxAge, InstantSource clock) {
    this.mappings = mappings;
    this.validator = validator;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Writable tables by table name. */
  Map<String, WriteTarget> writable(Connection c, SalesforceApi api) {
    Map<String, WriteTarget> out = new LinkedHashMap<>();
    for (Mapping m : mappings.list(c.id())) {
      if (NOT_WRITTEN.contains(m.state())) continue;
      MappingModel model = model(m, api);
      if (model != null) out.put(model.spec().tableName(), new WriteTarget(m, model));
    }
    return out;
  }

  private MappingModel model(Mapping m, SalesforceApi api) {
    Instant now = clock.instant();
    Cached c = cache.get(m.id());
    if (c != null
        && c.revision() == m.revision()
        && Duration.between(c.at(), now).compareTo(maxAge) < 0) {
      return c.model();
    }
    try {
      MappingModel model = validator.resolve(api, m.objectName(), m.config());
      cache.put(m.id(), new Cached(m.revision(), model, now));
      return model;
    } catch (ConfigException | SalesforceRequestException e) {
      cache.remove(m.id());
      log.atWarn()
          .addKeyValue("mapping", m.id())
          .addKeyValue("object", m.objectName())
          .log(
              "changes to {} wait: its mapping does not fit Salesforce ({})",
              m.objectName(),
              e.getMessage());
      return null;
    }
  }
}
