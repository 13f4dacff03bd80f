package topdown.format.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;

/**
 * Hardened XML parsing for every XML-based format: no DOCTYPE at all (so no external entities and no
 * entity expansion bombs), no XInclude, secure processing, an element depth limit and a file size limit
 * (which also bounds any single attribute). Errors become {@link SessionFormatException}s with the
 * file and line.
 */
public final class SafeXml {
    public static final long MAX_BYTES = 512L << 20;
    public static final int MAX_DEPTH = 256;

    private SafeXml() {
    }

    public static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks a security feature", e);
        }
    }

    public static Document parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new SessionFormatException(SourceLocation.file(file), "XML file of " + size
                    + " bytes is larger than the " + MAX_BYTES + " TopDown accepts");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file, in);
        }
    }

    public static Document parse(Path file, InputStream in) throws IOException {
        Document d;
        try {
            d = builder().parse(in);
        } catch (SAXParseException e) {
            String msg = e.getMessage() == null ? "malformed XML" : e.getMessage();
            if (msg.contains("DOCTYPE")) {
                msg = "DOCTYPE declarations are refused (external entities and entity expansion are not allowed)";
            }
            throw new SessionFormatException(SourceLocation.line(file, e.getLineNumber()), msg);
        } catch (SAXException e) {
            throw new SessionFormatException(SourceLocation.file(file), "malformed XML: " + e.getMessage());
        }
        checkDepth(file, d.getDocumentElement());
        return d;
    }

    private static void checkDepth(Path file, Element root) throws SessionFormatException {
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        todo.push(new Object[] {root, 1});
        while (!todo.isEmpty()) {
            Object[] e = todo.pop();
            Node n = (Node) e[0];
            int depth = (int) e[1];
            if (depth > MAX_DEPTH) {
                throw new SessionFormatException(SourceLocation.element(file, n.getNodeName()),
                        "elements nested deeper than " + MAX_DEPTH);
            }
            for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeType() == Node.ELEMENT_NODE) {
                    todo.push(new Object[] {c, depth + 1});
                }
            }
        }
    }

    /**
     * A StAX reader with DTDs and external entities switched off (for JAXB unmarshalling). Use it on
     * input that {@link #parse} has already accepted, or accept that a DOCTYPE is skipped, never resolved.
     */
    public static javax.xml.stream.XMLStreamReader streamReader(InputStream in) throws IOException {
        javax.xml.stream.XMLInputFactory f = javax.xml.stream.XMLInputFactory.newFactory();
        f.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(javax.xml.stream.XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new javax.xml.stream.XMLStreamException("external entity refused: " + systemId);
        });
        try {
            return f.createXMLStreamReader(in);
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("cannot start the XML reader: " + e.getMessage(), e);
        }
    }

    /** Child elements with a given name. */
    public static java.util.List<Element> children(Element parent, String name) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE && (name == null || name.equals(c.getNodeName()))) {
                out.add((Element) c);
            }
        }
        return out;
    }

    public static Element child(Element parent, String name) {
        java.util.List<Element> l = children(parent, name);
        return l.isEmpty() ? null : l.get(0);
    }

    /** Serialises a DOM document as it was read (no indentation changes) to bytes. */
    public static byte[] serialize(Document d) throws IOException {
        try {
            javax.xml.transform.TransformerFactory tf = javax.xml.transform.TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            javax.xml.transform.Transformer t = tf.newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(javax.xml.transform.OutputKeys.STANDALONE, "no");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            t.transform(new javax.xml.transform.dom.DOMSource(d), new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("cannot serialise XML: " + e.getMessage(), e);
        }
    }
}
