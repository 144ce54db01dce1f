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
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", String.valueOf(cases.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            for (Case testCase : cases) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", testCase.className());
                xml.writeAttribute("name", testCase.name());
                if (testCase.failure() != null) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", testCase.failure().lines().findFirst().orElse(""));
                    xml.writeCharacters(testCase.failure());
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
}
