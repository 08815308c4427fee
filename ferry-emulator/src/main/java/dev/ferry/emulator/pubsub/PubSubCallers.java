package dev.ferry.emulator.pubsub;

import dev.ferry.emulator.server.EmulatorContext;
import java.util.Optional;

/**
 * Checks Pub/Sub callers against the org like the REST side does: a live access token of this org
 * (an expired, revoked or deactivated-org token is refused) and the org's id as tenant (15 or 18
 * characters).
 */
public final class PubSubCallers implements PubSubServer.Callers {
  private final EmulatorContext ctx;

  public PubSubCallers(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Optional<String> refuse(String accessToken, String tenantId) {
    if (!ctx.active()) {
      return Optional.of("the org is inactive");
    }
    if (ctx.tokens().validate(accessToken).isEmpty()) {
      return Optional.of("Session expired or invalid");
    }
    String org = ctx.identity().orgId();
    String tenant = tenantId.trim();
    if ((tenant.length() != 15 && tenant.length() != 18)
        || !tenant.substring(0, 15).equals(org.substring(0, 15))) {
      return Optional.of("tenantid " + tenantId + " is not this org's id (" + org + ")");
    }
    return Optional.empty();
  }

  @Override
  public boolean live(String accessToken) {
    return ctx.active() && ctx.tokens().isLive(accessToken);
  }
}
