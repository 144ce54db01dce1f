package io.dealadvisor.engine;

/** Something wrong in the rules folder: the file (relative to the folder), the line when known, and what. */
public record RuleProblem(String file, Integer line, String message) {

    @Override
    public String toString() {
        return file + (line == null ? "" : ":" + line) + ": " + message;
    }
}
