package io.dealadvisor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What one run of a command-line tool returned and printed. */
record ToolRun(int status, String out, String err) {

    /** The signature both tools share, so tests call them in-process as {@code main} would. */
    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static ToolRun of(Tool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = tool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ToolRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Whether a line of the output starts with these cells of a table row, however wide the columns are. */
    boolean hasRow(String... cells) {
        String row = Stream.of(cells).map(Pattern::quote).reduce((left, right) -> left + "\\s+" + right).orElseThrow();
        return Pattern.compile("(?m)^" + row + "(\\s|$)").matcher(out).find();
    }

    /** Everything printed, for assertion messages. */
    String printed() {
        return out + err;
    }
}
