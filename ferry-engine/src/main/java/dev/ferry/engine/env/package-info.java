/**
 * What every engine package runs with: the declared settings ({@code EngineSettings}), their
 * resolved values ({@code EngineConfig}), the store ports ({@code SyncStores}) and the injected
 * {@code Sleeper}. Depends on no other engine package, so every other one can depend on it.
 */
package dev.ferry.engine.env;
