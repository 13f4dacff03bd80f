package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import topdown.format.xml.SafeXml;
import topdown.format.zip.SafeZip;
import topdown.testing.Shared;

/** Helpers for the DAWproject tests: the corpus, XSD validation (in-process and xmllint), canonical XML. */
final class DpTesting {
    private DpTesting() {
    }

    static Path corpus() {
        Path c = Shared.corpus().resolve("dawproject");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(c), "corpus/dawproject is absent");
        return c;
    }

    /** Every .dawproject of the corpus except the 0.1 JSON prototype. */
    static List<Path> archives() throws Exception {
        try (Stream<Path> s = Files.walk(corpus())) {
            return s.filter(p -> p.toString().endsWith(".dawproject") && !p.getFileName().toString().startsWith("legacy-0.1"))
                    .sorted().toList();
        }
    }

    /** Bare project.xml files of the corpus (the XSDs excluded). */
    static List<Path> bareXml() throws Exception {
        try (Stream<Path> s = Files.walk(corpus())) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    static Schema schema(String name) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f.newSchema(new StreamSource(DpTesting.class.getResourceAsStream("/dawproject/" + name)));
    }

    /** Validates project.xml and metadata.xml of an archive against Project.xsd / MetaData.xsd (throws on error). */
    static void validate(Path archive, Path tmp) throws Exception {
        byte[] project;
        byte[] meta;
        try (SafeZip z = SafeZip.open(archive)) {
            project = z.readAll("project.xml", 64 << 20);
            meta = z.readAll("metadata.xml", 64 << 20);
        }
        schema("Project.xsd").newValidator().validate(new StreamSource(new ByteArrayInputStream(project)));
        schema("MetaData.xsd").newValidator().validate(new StreamSource(new ByteArrayInputStream(meta)));
        if (Shared.hasTool("xmllint")) {
            Path dir = Files.createTempDirectory(tmp, "xmllint");
            Path px = Files.write(dir.resolve("project.xml"), project);
            Path mx = Files.write(dir.resolve("metadata.xml"), meta);
            Path xsd = dir.resolve("Project.xsd");
            Path mxsd = dir.resolve("MetaData.xsd");
            try (var in = DpTesting.class.getResourceAsStream("/dawproject/Project.xsd")) {
                Files.copy(in, xsd);
            }
            try (var in = DpTesting.class.getResourceAsStream("/dawproject/MetaData.xsd")) {
                Files.copy(in, mxsd);
            }
            String o1 = Shared.run(dir, 60, "xmllint", "--noout", "--nonet", "--schema", xsd.toString(), px.toString());
            String o2 = Shared.run(dir, 60, "xmllint", "--noout", "--nonet", "--schema", mxsd.toString(), mx.toString());
            assertTrue(o1.contains("validates") && o2.contains("validates"), o1 + o2);
        }
    }

    static byte[] entry(Path archive, String name) throws Exception {
        try (SafeZip z = SafeZip.open(archive)) {
            return z.readAll(name, 256L << 20);
        }
    }

    /**
     * A canonical text of an XML document: elements with attributes sorted by name, whitespace-only text
     * dropped, other text trimmed; comments and processing instructions left out.
     */
    static String canonical(byte[] xml) throws Exception {
        Element root = SafeXml.parse(Path.of("x.xml"), new ByteArrayInputStream(xml)).getDocumentElement();
        StringBuilder sb = new StringBuilder();
        canonical(root, sb, 0);
        return sb.toString();
    }

    private static void canonical(Element e, StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append('<').append(e.getTagName());
        Map<String, String> attrs = new TreeMap<>();
        NamedNodeMap nm = e.getAttributes();
        for (int i = 0; i < nm.getLength(); i++) {
            attrs.put(nm.item(i).getNodeName(), nm.item(i).getNodeValue());
        }
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        sb.append(">\n");
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                canonical((Element) c, sb, depth + 1);
            } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                String t = c.getNodeValue().trim();
                if (!t.isEmpty()) {
                    sb.append("  ".repeat(depth + 1)).append('"').append(t).append("\"\n");
                }
            }
        }
    }

    /** Entry names of an archive. */
    static List<String> names(Path archive) throws Exception {
        try (SafeZip z = SafeZip.open(archive)) {
            return new ArrayList<>(z.names());
        }
    }
}
