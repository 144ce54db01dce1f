package io.dealadvisor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tables of a Markdown file in docs/, read as the docs tests need them: rows of cells, and code spans. */
public final class MarkdownTables {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private MarkdownTables() {
    }

    /** The body rows of every table in {@code file} whose header's first cell is {@code firstHeader}. */
    public static List<List<String>> rows(Path file, String firstHeader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                inTable = false;
            } else if (!inTable && i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("|---")) {
                inTable = cells(line).get(0).equals(firstHeader);
                i++; // the separator row
            } else if (inTable) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    /** The code spans of a cell, in order: {@code `a`, `b`} gives [a, b]. */
    public static List<String> code(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            spans.add(matcher.group(1));
        }
        return spans;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        // a | inside a code span is not a cell boundary
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inCode = false;
        for (char c : inner.toCharArray()) {
            if (c == '`') {
                inCode = !inCode;
            }
            if (c == '|' && !inCode) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return Arrays.asList(cells.toArray(String[]::new));
    }
}
