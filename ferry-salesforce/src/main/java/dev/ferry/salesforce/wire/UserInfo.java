package dev.ferry.salesforce.wire;

/** The fields of {@code /services/oauth2/userinfo} the client uses. */
public record UserInfo(String userId, String organizationId, String username) {}
