package dev.ferry.core.sf;

/** Who the client is logged in as, from the OAuth token response's identity URL. */
public record OrgIdentity(
    String organizationId, String userId, String instanceUrl, String username) {}
