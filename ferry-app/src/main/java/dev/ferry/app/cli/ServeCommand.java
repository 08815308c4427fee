package dev.ferry.app.cli;

import dev.ferry.app.config.AppSettings;
import dev.ferry.app.wiring.FerryNode;
import dev.ferry.app.wiring.Production;
import dev.ferry.app.wiring.Serve;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry serve}: sync and the management API, in the foreground until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run Ferry: sync every connection's mappings and serve the management API (/api/v3).",
      "Settings come from flags, the environment (DATABASE_URL, FERRY_*) and --config;",
      "see docs/configuration.md."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;

  @Option(names = "--port", description = "API port (FERRY_PORT, default 8080; 0 = any free).")
  Integer port;

  @Option(names = "--host", description = "API interface (FERRY_HOST, default 127.0.0.1).")
  String host;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description = "PostgreSQL to sync into (DATABASE_URL): postgres://user:pass@host:5432/db.")
  String databaseUrl;

  @Option(
      names = "--import",
      paramLabel = "FILE",
      description = "Apply a Heroku Connect export (JSON) to the connection before serving.")
  Path importFile;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> flags = new LinkedHashMap<>();
    if (port != null) flags.put(AppSettings.PORT.key(), port.toString());
    if (host != null) flags.put(AppSettings.HOST.key(), host);
    if (databaseUrl != null) flags.put(AppSettings.DATABASE_URL.key(), databaseUrl);
    FerryNode node =
        Serve.start(
            config.sources(flags, System.getenv()),
            importFile,
            Production.options(InstantSource.system()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "ferry-shutdown"));
    printBanner(spec.commandLine().getOut(), node);
    stopped.await();
    return 0;
  }

  public static void printBanner(PrintWriter out, FerryNode node) {
    String api = node.apiUrl() + "/api/v3";
    out.println("Ferry is running. Management API: " + api);
    if (node.tokenGenerated()) {
      out.println("  API token (generated; set FERRY_API_TOKEN to choose one): " + node.apiToken());
      out.println("  export FERRY_API_TOKEN=" + node.apiToken());
    } else {
      out.println("  API token: the value of FERRY_API_TOKEN");
    }
    out.println("  curl -H \"Authorization: Bearer $FERRY_API_TOKEN\" " + api + "/connections");
    out.println("  Dashboard: " + node.dashboardUrl() + " (log in with the API token)");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
