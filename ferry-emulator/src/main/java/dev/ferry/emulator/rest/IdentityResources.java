package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.OrgIdentity;
import dev.ferry.emulator.org.SfFormats;
import dev.ferry.emulator.server.EmulatorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** userinfo (OpenID Connect) and the identity service {@code /id/{org}/{user}}. */
public final class IdentityResources {
  private final EmulatorContext ctx;

  public IdentityResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add("GET", "/services/oauth2/userinfo", EndpointClass.OAUTH, Access.SESSION, this::userinfo);
    r.add("POST", "/services/oauth2/userinfo", EndpointClass.OAUTH, Access.SESSION, this::userinfo);
    r.add("GET", "/id/{org}/{user}", EndpointClass.OAUTH, Access.SESSION, this::identity);
    r.add("POST", "/id/{org}/{user}", EndpointClass.OAUTH, Access.SESSION, this::identity);
  }

  private void userinfo(Exchange ex) {
    OrgIdentity id = ctx.identity();
    String base = ctx.baseUrl();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sub", base + "/id/" + id.orgId() + "/" + id.userId());
    m.put("user_id", id.userId());
    m.put("organization_id", id.orgId());
    m.put("preferred_username", id.username());
    m.put("nickname", "eadmin");
    m.put("name", id.displayName());
    m.put("email", id.email());
    m.put("email_verified", true);
    m.put("given_name", "Emulator");
    m.put("family_name", "Admin");
    m.put("zoneinfo", "America/Los_Angeles");
    m.put(
        "photos",
        Map.of(
            "picture",
            base + "/img/userprofile/default_profile_200_v2.png",
            "thumbnail",
            base + "/img/userprofile/default_profile_45_v2.png"));
    m.put("profile", base + "/" + id.userId());
    m.put("picture", base + "/img/userprofile/default_profile_200_v2.png");
    m.put("address", Map.of());
    m.put("urls", urls(id));
    m.put("active", true);
    m.put("user_type", "STANDARD");
    m.put("language", "en_US");
    m.put("locale", "en_US");
    m.put("utcOffset", -28800000);
    m.put("updated_at", SfFormats.restDateTime(ctx.store().now()).replace("+0000", "Z"));
    m.put("is_app_installed", true);
    ex.json(200, m);
  }

  private void identity(Exchange ex) {
    OrgIdentity id = ctx.identity();
    if (!ex.param("org").startsWith(id.orgId().substring(0, 15))
        || !ex.param("user").startsWith(id.userId().substring(0, 15))) {
      throw new ApiException(403, "Bad_Id", "Bad_Id");
    }
    String base = ctx.baseUrl();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", base + "/id/" + id.orgId() + "/" + id.userId());
    m.put("asserted_user", true);
    m.put("user_id", id.userId());
    m.put("organization_id", id.orgId());
    m.put("username", id.username());
    m.put("nick_name", "eadmin");
    m.put("display_name", id.displayName());
    m.put("email", id.email());
    m.put("email_verified", true);
    m.put("first_name", "Emulator");
    m.put("last_name", "Admin");
    m.put("timezone", "America/Los_Angeles");
    m.put(
        "photos",
        Map.of(
            "picture",
            base + "/img/userprofile/default_profile_200_v2.png",
            "thumbnail",
            base + "/img/userprofile/default_profile_45_v2.png"));
    m.put("addr_street", null);
    m.put("addr_city", null);
    m.put("addr_state", null);
    m.put("addr_country", "US");
    m.put("addr_zip", null);
    m.put("mobile_phone", null);
    m.put("mobile_phone_verified", false);
    m.put("is_lightning_login_user", false);
    m.put("status", Map.of("created_date", "", "body", ""));
    m.put("urls", urls(id));
    m.put("active", true);
    m.put("user_type", "STANDARD");
    m.put("language", "en_US");
    m.put("locale", "en_US");
    m.put("utcOffset", -28800000);
    m.put("last_modified_date", SfFormats.restDateTime(ctx.store().now()));
    m.put("is_app_installed", true);
    ex.json(200, m);
  }

  private Map<String, Object> urls(OrgIdentity id) {
    String base = ctx.baseUrl();
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("enterprise", base + "/services/Soap/c/{version}/" + id.orgId().substring(0, 15));
    u.put("metadata", base + "/services/Soap/m/{version}/" + id.orgId().substring(0, 15));
    u.put("partner", base + "/services/Soap/u/{version}/" + id.orgId().substring(0, 15));
    u.put("rest", base + "/services/data/v{version}/");
    u.put("sobjects", base + "/services/data/v{version}/sobjects/");
    u.put("search", base + "/services/data/v{version}/search/");
    u.put("query", base + "/services/data/v{version}/query/");
    u.put("recent", base + "/services/data/v{version}/recent/");
    u.put("tooling_soap", base + "/services/Soap/T/{version}/" + id.orgId().substring(0, 15));
    u.put("tooling_rest", base + "/services/data/v{version}/tooling/");
    u.put("profile", base + "/" + id.userId());
    u.put("feeds", base + "/services/data/v{version}/chatter/feeds");
    u.put("groups", base + "/services/data/v{version}/chatter/groups");
    u.put("users", base + "/services/data/v{version}/chatter/users");
    u.put("feed_items", base + "/services/data/v{version}/chatter/feed-items");
    u.put("feed_elements", base + "/services/data/v{version}/chatter/feed-elements");
    u.put("custom_domain", base);
    return u;
  }

  /** The identity URL that token responses and the resource map carry. */
  public static String identityUrl(EmulatorContext ctx) {
    OrgIdentity id = ctx.identity();
    return ctx.baseUrl() + "/id/" + id.orgId() + "/" + id.userId();
  }
}
