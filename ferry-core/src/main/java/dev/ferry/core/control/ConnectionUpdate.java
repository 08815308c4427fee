package dev.ferry.core.control;

import org.jspecify.annotations.Nullable;

/**
 * A change to a connection's settings ({@code PATCH /connections/{id}}, Heroku Connect's {@code
 * connect:db:set}); null leaves a value as it is.
 *
 * @param dbKey the config var naming the database; Ferry syncs into its own database only, so only
 *     {@code DATABASE_URL} is accepted
 */
public record ConnectionUpdate(
    @Nullable String name, @Nullable String schemaName, @Nullable String dbKey) {}
