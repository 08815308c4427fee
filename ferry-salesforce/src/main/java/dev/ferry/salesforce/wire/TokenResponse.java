package dev.ferry.salesforce.wire;

import org.jspecify.annotations.Nullable;

/** The fields of an OAuth token response that the client uses. toString masks the token. */
public record TokenResponse(
    String accessToken, String instanceUrl, @Nullable String id, @Nullable String refreshToken) {
  @Override
  public String toString() {
    return "TokenResponse[instanceUrl=" + instanceUrl + ", id=" + id + ", <masked>]";
  }
}
