package io.dealadvisor.testing;

import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.engine.RulesetRejectedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A writable copy of the shipped rules folder, edited on disk the way an analyst would. */
public final class RulesFolder {

    public static final Path SHIPPED = Path.of("rules");

    private final Path root;

    private RulesFolder(Path root) {
        this.root = root;
    }

    /** Copies the shipped rules (scenarios included) into {@code target}, which must not exist yet. */
    public static RulesFolder copyOfShipped(Path target) {
        try {
            for (Path source : tree(SHIPPED, Comparator.naturalOrder())) {
                Path copy = target.resolve(SHIPPED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RulesFolder(target.toAbsolutePath());
    }

    /** A copy in a fresh temporary folder, removed when the JVM exits: for a service that outlives a test. */
    public static RulesFolder copyOfShippedInTempFolder() {
        try {
            Path parent = Files.createTempDirectory("deal-advisor-rules-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(parent)));
            return copyOfShipped(parent.resolve("rules"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RulesFolder at(Path root) {
        return new RulesFolder(root.toAbsolutePath());
    }

    /** The version the loader gives the folder as it is now (a hash of its files, scenarios left out). */
    public static String versionOf(Path folder) {
        try {
            Advisor advisor = new RulesetLoader().compile(folder);
            advisor.release();
            return advisor.version();
        } catch (RulesetRejectedException e) {
            throw new IllegalStateException("expected " + folder + " to compile: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    public String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RulesFolder write(String relative, String content) {
        try {
            Path file = path(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces text that must be in the file, so an edit that no longer applies fails loudly. */
    public RulesFolder replace(String relative, String text, String replacement) {
        String content = read(relative);
        if (!content.contains(text)) {
            throw new IllegalStateException(relative + " no longer contains '" + text + "'");
        }
        return write(relative, content.replace(text, replacement));
    }

    public RulesFolder append(String relative, String text) {
        return write(relative, read(relative) + text);
    }

    /** A {@code .drl} text with a half-written rule appended, as an analyst saving mid-edit would leave it. */
    public static String withSyntaxError(String drl) {
        return drl + """

                rule "Half-written"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal( id == )
                then
                end
                """;
    }

    /** The line of {@link #withSyntaxError}'s error, where the compiler should point. */
    public static int syntaxErrorLine(String drl) {
        return (int) drl.lines().count() + 5;
    }

    /**
     * Appends a half-written rule to a {@code .drl} file.
     *
     * @return the line of the syntax error
     */
    public int appendSyntaxError(String relative) {
        String drl = read(relative);
        write(relative, withSyntaxError(drl));
        return syntaxErrorLine(drl);
    }

    public RulesFolder delete(String relative) {
        try {
            Files.delete(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Makes the folder hold exactly the shipped files again, touching only what differs, so that a folder
     * already as shipped causes no reload.
     */
    public void restoreShipped() {
        try {
            for (Path path : tree(root, Comparator.reverseOrder())) {
                if (!Files.exists(SHIPPED.resolve(root.relativize(path).toString()))) {
                    Files.delete(path);
                }
            }
            for (Path source : tree(SHIPPED, Comparator.naturalOrder())) {
                Path copy = root.resolve(SHIPPED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else if (!Files.exists(copy) || !Arrays.equals(Files.readAllBytes(source), Files.readAllBytes(copy))) {
                    Files.write(copy, Files.readAllBytes(source));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and folder under {@code root}; natural order puts parents before their children. */
    private static List<Path> tree(Path root, Comparator<Path> order) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted(order).toList();
        }
    }

    /** Removes a folder and all it holds, as far as it can. */
    public static void deleteTree(Path root) {
        try {
            tree(root, Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temporary folder
        }
    }
}
