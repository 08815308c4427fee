package dev.ferry.app.wiring;

import dev.ferry.core.control.FerryService;

/**
 * Starts the sync engine on a node's infrastructure. The composition root calls it once; the
 * engine's own entry point is wired in {@link FerryNode#ENGINE}.
 */
@FunctionalInterface
public interface EngineStarter {
  RunningEngine start(NodeInfrastructure infrastructure);

  /** The engine's control plane, and how to stop it (polls finish or are abandoned cleanly). */
  record RunningEngine(FerryService service, AutoCloseable stop) {}
}
