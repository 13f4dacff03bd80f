package topdown.format.dawproject;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.format.xml.SafeXml;

/**
 * JAXB for the Dp* classes: unmarshalling always goes through {@link SafeXml#streamReader} (no DTD, no
 * external entities) and only after the hardened DOM parse accepted the bytes; marshalling goes into DOM
 * documents, which the writer then completes and serialises.
 */
final class DpXml {
    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(DpProject.class, DpMetaData.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("DAWproject JAXB binding is broken: " + e, e);
        }
    }

    private DpXml() {
    }

    static <T> T unmarshal(Path file, String entry, byte[] xml, Class<T> type) throws SessionFormatException {
        try {
            Unmarshaller u = CONTEXT.createUnmarshaller();
            StringBuilder errors = new StringBuilder();
            int[] line = {0};
            u.setEventHandler(ev -> {
                // Elements the binding does not declare (Scenes' content, vendor extensions) are kept by the DOM and
                // reported by the reader; only malformed values of declared ones are errors.
                boolean unknown = ev.getMessage() != null && ev.getMessage().startsWith("unexpected element");
                if (!unknown && ev.getSeverity() != ValidationEvent.WARNING && errors.length() == 0) {
                    errors.append(ev.getMessage());
                    if (ev.getLocator() != null) {
                        line[0] = ev.getLocator().getLineNumber();
                    }
                }
                return true;
            });
            XMLStreamReader r = SafeXml.streamReader(new ByteArrayInputStream(xml));
            try {
                T t = u.unmarshal(r, type).getValue();
                if (errors.length() > 0) {
                    throw new SessionFormatException(new SourceLocation(file, Math.max(0, line[0]), entry == null ? null : "entry '" + entry + "'", -1),
                            "invalid DAWproject content: " + errors);
                }
                return t;
            } finally {
                r.close();
            }
        } catch (NumberFormatException e) {
            throw new SessionFormatException(SourceLocation.element(file, entry == null ? null : "entry '" + entry + "'"),
                    "invalid DAWproject content: not a number: " + e.getMessage(), e);
        } catch (JAXBException | XMLStreamException | IOException e) {
            if (e instanceof SessionFormatException) {
                throw (SessionFormatException) e;
            }
            throw new SessionFormatException(SourceLocation.element(file, entry == null ? null : "entry '" + entry + "'"),
                    "cannot bind DAWproject XML: "
                    + e.getMessage(), e);
        }
    }

    /** Marshals a JAXB object into a new DOM document. */
    static Document toDocument(Object root) {
        Document d = SafeXml.builder().newDocument();
        marshal(root, d);
        return d;
    }

    /** Marshals a JAXB object (root or {@code JAXBElement}) under a DOM node. */
    static void marshal(Object o, org.w3c.dom.Node parent) {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(o, parent);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot marshal " + o.getClass().getSimpleName() + ": " + e, e);
        }
    }
}
