package dev.ferry.engine.events;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.ChangeEventSource;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.write.WriterLease;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change-event streams of one connection, held by this process under the connection's {@code
 * events:<connection>} lease: one stream per mapping with {@code sf_notify_enabled}, on its
 * object's own channel ({@code /data/<Object>ChangeEvent}; see docs/read-path.md for why not one
 * stream on {@code /data/ChangeEvents}).
 */
final class ConnectionStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionStreams.class);

  /** The connection feature that lets Ferry select objects for Change Data Capture itself. */
  static final String SELECT_FEATURE = "cdc_select_entities";

  private final StreamContext ctx;
  private final SalesforceClients clients;
  private final RecordRereader rereader;
  private final WriterLease lease;
  private final Map<MappingId, MappingStream> streams = new HashMap<>();
  private volatile Connection connection;
  private ChangeEventSource current;

  ConnectionStreams(
      StreamContext ctx,
      SalesforceClients clients,
      RecordRereader rereader,
      WriterLease lease,
      Connection connection) {
    this.ctx = ctx;
    this.clients = clients;
    this.rereader = rereader;
    this.lease = lease;
    this.connection = connection;
  }

  static String leaseKind(Connection c) {
    return "events:" + c.id();
  }

  String holder() {
    return lease.holder();
  }

  boolean maySelectEntities() {
    return Boolean.TRUE.equals(connection.features().get(SELECT_FEATURE));
  }

  boolean renew() {
    return lease.renewIfDue();
  }

  /** Opens streams for new mappings, re-opens failed ones when due, closes those gone. */
  synchronized void reconcile(Connection c, List<Mapping> mappings, Instant now) {
    this.connection = c;
    ChangeEventSource source = source(c);
    if (source != current) {
      // a new client (re-authorized connection): its streams start over from the stored positions
      streams.values().forEach(MappingStream::close);
      streams.clear();
      current = source;
    }
    Set<MappingId> wanted = new HashSet<>();
    for (Mapping m : mappings) {
      wanted.add(m.id());
      MappingStream s = streams.get(m.id());
      if (s == null) {
        s = new MappingStream(ctx, this, m);
        streams.put(m.id(), s);
        s.open(source);
      } else if (s.retryDue(now)) {
        s.open(source);
      }
    }
    for (var it = streams.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.contains(e.getKey())) {
        e.getValue().close();
        it.remove();
      }
    }
  }

  long reread(Mapping m, List<String> ids) {
    return rereader.reread(m, connection, ids);
  }

  private ChangeEventSource source(Connection c) {
    try {
      Optional<ChangeEventSource> s = clients.forConnection(c).changeEvents();
      return s.orElse(null);
    } catch (RuntimeException e) {
      log.debug("no Salesforce client for {}: {}", c.name(), e.toString());
      return null;
    }
  }

  @Override
  public synchronized void close() {
    streams.values().forEach(MappingStream::close);
    streams.clear();
    lease.close();
  }
}
