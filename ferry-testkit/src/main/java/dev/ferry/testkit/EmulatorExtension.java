package dev.ferry.testkit;

import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a Salesforce emulator on a random loopback port for a test class and stops it afterwards.
 * Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension EMULATOR = EmulatorExtension.withOptions(o -> o.generate("Contact", 500));
 * }</pre>
 *
 * Test methods may take {@link Emulator}, {@link EmulatorControls} or {@link EmulatorOptions}
 * parameters. The org keeps its state across the class's tests; call {@code controls().reset()}
 * where a test needs a fresh org.
 */
public final class EmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private final EmulatorOptions options;
  private Emulator emulator;
  private EmulatorControls controls;

  public EmulatorExtension() {
    this(EmulatorOptions.builder().port(0).build());
  }

  /** Runs with these options (give port 0 unless a fixed port is really needed). */
  public EmulatorExtension(EmulatorOptions options) {
    this.options = options;
  }

  /** The defaults on port 0, adjusted by {@code customize}. */
  public static EmulatorExtension withOptions(UnaryOperator<EmulatorOptions.Builder> customize) {
    return new EmulatorExtension(customize.apply(EmulatorOptions.builder().port(0)).build());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator = Emulator.start(options);
    controls = new EmulatorControls(emulator.baseUrl());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (emulator != null) emulator.close();
    emulator = null;
  }

  public Emulator emulator() {
    if (emulator == null) throw new IllegalStateException("the emulator is not running");
    return emulator;
  }

  /** Where clients log in and call, e.g. {@code http://127.0.0.1:43121}. */
  public URI baseUrl() {
    return emulator().baseUrl();
  }

  public EmulatorControls controls() {
    emulator();
    return controls;
  }

  public EmulatorOptions options() {
    return options;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == Emulator.class
        || type == EmulatorControls.class
        || type == EmulatorOptions.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    if (type == Emulator.class) return emulator();
    if (type == EmulatorControls.class) return controls();
    return options;
  }
}
