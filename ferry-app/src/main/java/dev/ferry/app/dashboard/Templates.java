package dev.ferry.app.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the dashboard's jte templates. They are compiled to Java classes at build time
 * (jte-maven-plugin), so the running server needs no compiler; HTML output is escaped by jte.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} (e.g. "connections.jte") with its one parameter as the response. */
  void render(Context ctx, int status, String template, Object model) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(render(template, model));
  }

  String render(String template, Object model) {
    StringOutput out = new StringOutput();
    engine.render(template, model, out);
    return out.toString();
  }
}
