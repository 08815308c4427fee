package dev.ferry.engine.bench;

import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator in its own JVM for benchmarks, so its heap is not counted as Ferry's. Arguments:
 * {@code OBJECT=N ...} (generated records, parents first), optionally {@code --org FILE}. Prints
 * {@code URL <base>} and runs until stdin closes.
 */
public final class EmulatorProcess {
  private EmulatorProcess() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> generate = new LinkedHashMap<>();
    EmulatorOptions.Builder b = EmulatorOptions.builder().port(0).seed(42).apiLimit(100_000_000);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--org")) {
        b.orgFile(Path.of(args[++i]));
      } else {
        String[] kv = args[i].split("=");
        generate.put(kv[0], Integer.parseInt(kv[1]));
      }
    }
    try (Emulator e = Emulator.start(b.generate(generate).build())) {
      System.out.println("URL " + e.baseUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close stdin
      }
    }
  }
}
