package dev.camelampenet.simulator.junit;

import dev.camelampenet.simulator.AmpenetSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.Consumer;

/**
 * JUnit 5 extension: a simulator started once for the test class and reset to fresh state before every test.
 * {@code @Nested} classes share the simulator of their enclosing class.
 * <p>
 * Declarative: {@code @ExtendWith(AmpenetSimulatorExtension.class)}, then take an {@link AmpenetSimulator}, or a
 * {@code String} annotated {@link SimulatorBaseUrl} or {@link SimulatorToken}, as a test or lifecycle parameter.
 * Configured: {@code @RegisterExtension static AmpenetSimulatorExtension sim =
 * AmpenetSimulatorExtension.with(b -> b.profile(Profile.V3_1));} and use {@code sim.baseUrl()}, {@code sim.token()}.
 */
public final class AmpenetSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Consumer<AmpenetSimulator.Builder> configuration;
    private AmpenetSimulator simulator;
    private boolean startedForOneTest;
    /** The class whose beforeAll started the simulator: @Nested classes inherit this instance and share it. */
    private String startedBy;

    public AmpenetSimulatorExtension() {
        this(b -> { });
    }

    private AmpenetSimulatorExtension(Consumer<AmpenetSimulator.Builder> configuration) {
        this.configuration = configuration;
    }

    public static AmpenetSimulatorExtension with(Consumer<AmpenetSimulator.Builder> configuration) {
        return new AmpenetSimulatorExtension(configuration);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (simulator == null) {
            start();
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            start(); // registered on an instance field: one simulator per test
            startedForOneTest = true;
        }
        simulator.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            stop(); // not when a @Nested class ends: its enclosing class still runs on this simulator
        }
    }

    private void start() {
        AmpenetSimulator.Builder builder = AmpenetSimulator.builder().port(0);
        configuration.accept(builder);
        simulator = builder.start();
    }

    private void stop() {
        if (simulator != null) {
            simulator.stop();
            simulator = null;
            startedForOneTest = false;
            startedBy = null;
        }
    }

    public AmpenetSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The simulator starts before the tests of the class run");
        }
        return simulator;
    }

    public String baseUrl() {
        return simulator().baseUrl();
    }

    public String token() {
        return simulator().token();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AmpenetSimulator.class
                || (type == String.class && (parameter.isAnnotated(SimulatorBaseUrl.class) || parameter.isAnnotated(SimulatorToken.class)));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (simulator == null) {
            throw new ParameterResolutionException("The simulator is not running yet");
        }
        if (parameter.getParameter().getType() == AmpenetSimulator.class) {
            return simulator;
        }
        return parameter.isAnnotated(SimulatorBaseUrl.class) ? simulator.baseUrl() : simulator.token();
    }
}
