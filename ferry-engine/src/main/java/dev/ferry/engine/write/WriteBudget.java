package dev.ferry.engine.write;

import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.store.Connection;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tables a writer may claim now under the API budget the read path obeys too: nothing while
 * the org has used {@code FERRY_API_BUDGET_PERCENT} of its daily requests, and no table whose
 * mapping has made its {@code sf_max_daily_api_calls} today (polls and writes counted together).
 * Their entries stay NEW and go out once the budget frees (the org's usage falls, or the UTC day
 * turns).
 */
final class WriteBudget {
  /** While writes wait for the org, its usage is read again this often (one call to /limits). */
  static final Duration ORG_REFRESH = Duration.ofMinutes(5);

  /** How the connection's state detail starts while writes wait for the budget. */
  static final String PAUSED = "Writes paused: ";

  private static final Logger log = LoggerFactory.getLogger(WriteBudget.class);

  /**
   * @param open tables that may be claimed
   * @param why why the others wait (for the connection's state detail), or null when none does
   */
  record Gate(Set<String> open, @Nullable String why) {}

  private final ApiBudgetGovernor budget;

  WriteBudget(ApiBudgetGovernor budget) {
    this.budget = budget;
  }

  Gate check(Connection c, Map<String, WriteTarget> targets, SalesforceApi api, Instant now) {
    if (targets.isEmpty()) return new Gate(Set.of(), null);
    Optional<String> org = budget.orgWriteDeferral(c.id(), c.orgId(), now);
    if (org.isPresent() && budget.orgUsageOlderThan(c.orgId(), ORG_REFRESH, now)) {
      try {
        budget.observe(c.orgId(), api.limits(), now);
        org = budget.orgWriteDeferral(c.id(), c.orgId(), now);
      } catch (RuntimeException e) {
        log.atDebug().addKeyValue("connection", c.name()).log("could not read limits: {}", e);
      }
    }
    if (org.isPresent()) return new Gate(Set.of(), PAUSED + org.get());
    Set<String> open = new LinkedHashSet<>();
    List<String> waiting = new ArrayList<>();
    for (Map.Entry<String, WriteTarget> t : targets.entrySet()) {
      Optional<String> own = budget.mappingWriteDeferral(t.getValue().mapping(), now);
      if (own.isPresent()) {
        waiting.add(own.get());
      } else {
        open.add(t.getKey());
      }
    }
    return new Gate(open, waiting.isEmpty() ? null : PAUSED + String.join("; ", waiting));
  }
}
