package dev.ferry.core.store;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.MappingState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mapping as stored.
 *
 * @param revision config revision (Heroku Connect's {@code config.revision}), +1 per config change
 * @param stateVersion compare-and-set version of the state, +1 per transition
 * @param stateDetail what the state is about (e.g. "Loading table contact via BULK")
 * @param error the error that put the mapping into an error state (kept and shown), or null
 */
public record Mapping(
    MappingId id,
    ConnectionId connectionId,
    String objectName,
    MappingConfig config,
    int revision,
    MappingState state,
    long stateVersion,
    @Nullable String stateDetail,
    @Nullable String error,
    Instant stateChangedAt,
    Instant createdAt,
    Instant updatedAt) {}
