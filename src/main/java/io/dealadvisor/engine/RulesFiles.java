package io.dealadvisor.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a rules folder the loader uses, as one snapshot: every {@code .drl} outside the scenarios and the
 * three data files at the top ({@code advice.yaml}, {@code truths.yaml}, {@code thresholds.yaml}), in path order,
 * and the folder's version (the first 12 hex digits of a SHA-256 over their paths and contents). Anything else in
 * the folder (notes, exports, editor and merge litter) is never opened: it cannot change what the rules answer, so
 * it leaves the version alone, and a large file there costs no memory.
 */
public record RulesFiles(Path root, Map<String, byte[]> files, String version) {

    static final String SCENARIOS = "scenarios";

    /** Reads the folder; what cannot be read becomes a problem. */
    static RulesFiles read(Path directory, List<RuleProblem> problems) throws RulesetRejectedException {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new RulesetRejectedException(List.of(new RuleProblem(root.toString(), null,
                    "the rules folder does not exist or is not a folder")));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            // Files.walk does not enter a start folder that is a symbolic link: walk the folder it points to.
            Path start = root.toRealPath();
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(Files::isRegularFile)
                        .map(start::relativize)
                        .filter(relative -> !relative.startsWith(SCENARIOS) && !isEditorLitter(relative))
                        .map(relative -> relative.toString().replace('\\', '/'))
                        .filter(RulesFiles::isRulesFile)
                        .sorted()
                        .forEach(name -> {
                            try {
                                byte[] content = Files.readAllBytes(root.resolve(name));
                                files.put(name, content);
                                notUtf8(name, content).ifPresent(problems::add);
                            } catch (NoSuchFileException gone) {
                                // removed while we listed the folder: the watcher will reload again
                            } catch (IOException e) {
                                problems.add(new RuleProblem(name, null, "cannot be read: " + e.getMessage()));
                            }
                        });
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(".", null, "the rules folder cannot be listed: " + e.getMessage()));
        }
        return new RulesFiles(root, Collections.unmodifiableMap(files), version(files));
    }

    /** What the loader reads: the rules anywhere in the folder, and the data files beside them at its top. */
    private static boolean isRulesFile(String name) {
        return name.endsWith(".drl") || name.equals(RulesCatalogue.TRUTHS) || name.equals(RulesCatalogue.THRESHOLDS)
                || name.equals(RulesCatalogue.ADVICE);
    }

    /**
     * A problem for a rules file that is not UTF-8 text, naming the line of its first foreign byte: Drools and the
     * YAML reader would read one saved in another encoding (Latin-1, say) with replacement characters, or say only
     * that a byte is invalid.
     */
    static Optional<RuleProblem> notUtf8(String name, byte[] content) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes, CharBuffer.allocate(content.length), true);
        if (!result.isError()) {
            return Optional.empty();
        }
        int line = 1;
        for (int i = 0; i < bytes.position(); i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return Optional.of(new RuleProblem(name, line, "is not UTF-8 text: a character on this line is in another"
                + " encoding; save the file as UTF-8"));
    }

    public List<String> names() {
        return List.copyOf(files.keySet());
    }

    /**
     * Hidden files and folders, backups and swap files that editors leave beside the rules. Litter named after a
     * rules file ({@code #x.drl#}, {@code x.drl.orig}, {@code x.drl~}) never ends as one, so the name alone keeps it
     * out; this is for what does, such as the {@code .x.drl} of some editors or a rules file in a hidden folder.
     */
    static boolean isEditorLitter(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".tmp")) {
                return true;
            }
        }
        return false;
    }

    private static String version(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
