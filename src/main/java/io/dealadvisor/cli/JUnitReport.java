package io.dealadvisor.cli;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JUnit XML, the report format CI systems read: one test case per check, failures with their reasons. */
final class JUnitReport {

    private record Case(String className, String name, String failure) {
    }

    private final String suite;
    private final List<Case> cases = new ArrayList<>();

    JUnitReport(String suite) {
        this.suite = suite;
    }

    void passed(String className, String name) {
        cases.add(new Case(className, name, null));
    }

    void failed(String className, String name, String failure) {
        cases.add(new Case(className, name, failure));
    }

    void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", xmlText(suite));
            xml.writeAttribute("tests", String.valueOf(cases.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            for (Case testCase : cases) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", xmlText(testCase.className()));
                xml.writeAttribute("name", xmlText(testCase.name()));
                if (testCase.failure() != null) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", xmlText(testCase.failure().lines().findFirst().orElse("")));
                    xml.writeCharacters(xmlText(testCase.failure()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    /**
     * The text with what XML 1.0 cannot hold at all (control characters but tab and line breaks, lone surrogates,
     * U+FFFE and U+FFFF) written as {@code \\uXXXX}: a scenario's name may hold one, and the report must still parse.
     */
    static String xmlText(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                safe.append(c).append(text.charAt(++i));
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                    || c == '\uFFFE' || c == '\uFFFF') {
                safe.append(String.format("\\u%04X", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
