package io.dealadvisor.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Positional arguments and {@code --name value} (or {@code --name=value}) options; an empty value is absent. */
final class Arguments {

    /** Held here: the JUL logging manager keeps loggers only weakly, and with them the level set on them. */
    private static final Logger VALIDATOR_VERSION = Logger.getLogger("org.hibernate.validator.internal.util.Version");

    private final List<String> positional;
    private final Map<String, String> options;

    private Arguments(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    static Arguments parse(String[] args, int fewest, int most, List<String> known) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) {
                continue; // Maven's exec plugin passes an empty property (-Dbase=) as null
            }
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                if (!value.isBlank()) {
                    options.put(name, value);
                }
            } else if (!arg.isBlank()) {
                positional.add(arg);
            }
        }
        if (positional.size() < fewest || positional.size() > most) {
            throw new IllegalArgumentException("expected " + (fewest == most ? fewest : fewest + " to " + most)
                    + " folder(s), got " + positional.size());
        }
        return new Arguments(positional, options);
    }

    /**
     * Hibernate Validator prints its version, with the time, on the console as it starts: a line that says nothing
     * about the rules, between the tools' lines, and different on every run of the examples in docs/rules.md.
     */
    static void quietValidatorVersion() {
        VALIDATOR_VERSION.setLevel(Level.WARNING);
    }

    /**
     * Runs a tool's {@code run}; anything it did not expect is reported and gives 2 (an error), never the status of
     * a tool that ran to its end, which CI reads as "the rules fail" or "the rules change the advice".
     */
    static int guarded(String tool, IntSupplier run, PrintStream err) {
        try {
            return run.getAsInt();
        } catch (RuntimeException | Error e) {
            err.println(tool + " stopped on an error it did not expect: " + e);
            e.printStackTrace(err);
            return 2;
        }
    }

    /** Ends the JVM with a failing status; a zero status returns, so a build that runs the tool goes on. */
    static void exitWith(int status) {
        if (status != 0) {
            System.exit(status);
        }
    }

    int positionalCount() {
        return positional.size();
    }

    String positional(int index) {
        return positional.get(index);
    }

    String option(String name) {
        return options.get(name);
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value);
        }
    }
}
