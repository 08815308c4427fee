package dev.ferry.engine.write;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.port.NotificationStore;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.Sleeper;
import dev.ferry.engine.lifecycle.ConnectionStates;
import java.time.InstantSource;

/** The collaborators every connection writer of a process shares. */
record WriteDeps(
    ConnectionStore connections,
    WriteStores stores,
    JobSlots jobSlots,
    NotificationStore notifications,
    SalesforceClients clients,
    Targets targets,
    Slots slots,
    ConnectionStates connectionStates,
    ApiBudgetGovernor budget,
    EngineConfig engine,
    WriteConfig config,
    SyncEvents events,
    InstantSource clock,
    Sleeper sleeper) {}
