package io.aitbc.miner;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.lifecycle.ShutdownSignals;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.ConfigValidationException;

/**
 * The agent's entry point. It turns start-up failures into the exit codes of decisions D25: 2 with one line
 * {@code <ENV_NAME>: <what is wrong>} for bad configuration, 1 for any other fatal start-up error, never 0. Once
 * started it installs the TERM and INT handlers that drain the agent ({@link ShutdownSignals}).
 */
@QuarkusMain
public class AgentMain implements QuarkusApplication {

    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_FATAL = 1;
    private static final Pattern PROPERTY = Pattern.compile("\\bminer\\.[a-z0-9.-]+");

    private final ShutdownSignals signals;

    AgentMain(ShutdownSignals signals) {
        this.signals = signals;
    }

    public static void main(String... args) {
        Quarkus.run(AgentMain.class, AgentMain::exit, args);
    }

    @Override
    public int run(String... args) {
        signals.install();
        Quarkus.waitForExit();
        return 0;
    }

    static void exit(int code, Throwable failure) {
        if (failure == null) {
            System.exit(code);
            return;
        }
        String config = configProblem(failure);
        if (config != null) {
            System.err.println("FATAL bad configuration: " + config);
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        System.err.println("FATAL start-up error: " + rootMessage(failure));
        System.exit(code == 0 ? EXIT_FATAL : code);
    }

    /** The operator-facing line for a configuration failure anywhere in the cause chain, else null. */
    static String configProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigException invalid) {
                return invalid.getMessage();
            }
            if (t instanceof ConfigValidationException validation) {
                return describe(validation);
            }
        }
        return null;
    }

    private static String describe(ConfigValidationException validation) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < validation.getProblemCount(); i++) {
            String message = validation.getProblem(i).getMessage();
            Matcher property = PROPERTY.matcher(message);
            String name = "configuration";
            if (property.find()) {
                name = envName(property.group());
                message = withoutProperty(message, property.group());
            }
            line.append(i == 0 ? "" : "; ").append(name).append(": ").append(withoutValue(message));
        }
        return line.toString();
    }

    /** {@code miner.poll.interval} → {@code MINER_POLL_INTERVAL}, as Quarkus maps environment variables. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A range check's own message starts with its property ({@code miner.x: must be …}): it is named once. */
    private static String withoutProperty(String message, String property) {
        return message.startsWith(property + ": ") ? message.substring(property.length() + 2) : message;
    }

    private static String withoutValue(String message) {
        return message.replaceAll("value \"[^\"]*\"", "value given").replaceAll("SRCFG\\d+: ", "");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
