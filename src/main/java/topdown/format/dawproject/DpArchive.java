package topdown.format.dawproject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.w3c.dom.Document;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.format.xml.SafeXml;
import topdown.format.zip.SafeZip;

/**
 * The container of a DAWproject: a zip with {@code project.xml}, {@code metadata.xml}, audio and plugin states,
 * or a bare project.xml (as some tools and tests keep them). Holds the bytes of both XML documents, the parsed
 * DOM of project.xml (the native document) and the archive's entry names.
 */
final class DpArchive {
    static final String PROJECT = "project.xml";
    static final String METADATA = "metadata.xml";
    static final long MAX_XML_BYTES = 64L << 20;

    final Path file;
    final boolean zipped;
    final byte[] projectXml;
    final byte[] metadataXml;
    final List<String> entries;
    final Document project;

    private DpArchive(Path file, boolean zipped, byte[] projectXml, byte[] metadataXml, List<String> entries,
                      Document project) {
        this.file = file;
        this.zipped = zipped;
        this.projectXml = projectXml;
        this.metadataXml = metadataXml;
        this.entries = List.copyOf(entries);
        this.project = project;
    }

    static DpArchive read(Path file) throws IOException {
        if (!SafeZip.isZip(file)) {
            long size = Files.size(file);
            if (size > MAX_XML_BYTES) {
                throw new SessionFormatException(SourceLocation.file(file), "project.xml of " + size + " bytes is larger than "
                        + MAX_XML_BYTES);
            }
            byte[] xml = Files.readAllBytes(file);
            return new DpArchive(file, false, xml, null, List.of(), parse(file, null, xml));
        }
        try (SafeZip zip = SafeZip.open(file)) {
            if (!zip.has(PROJECT)) {
                if (zip.has("project.json")) {
                    throw new SessionFormatException(SourceLocation.element(file, "entry 'project.json'"),
                            "a DAWproject 0.1 prototype (project.json + metadata.json, 2020) - only DAWproject 1.0"
                                    + " (project.xml) is supported; re-export it from the DAW");
                }
                throw new SessionFormatException(SourceLocation.element(file, "entry '" + PROJECT + "'"),
                        "not a DAWproject: the archive has no project.xml");
            }
            byte[] xml = zip.readAll(PROJECT, MAX_XML_BYTES);
            byte[] meta = zip.has(METADATA) ? zip.readAll(METADATA, MAX_XML_BYTES) : null;
            Document d = parse(file, PROJECT, xml);
            if (meta != null) {
                parse(file, METADATA, meta);
            }
            return new DpArchive(file, true, xml, meta, zip.names(), d);
        }
    }

    /** Parses one document with the hardened parser; errors name the archive, the entry and the line. */
    static Document parse(Path file, String entry, byte[] xml) throws SessionFormatException {
        try {
            return SafeXml.parse(file, new ByteArrayInputStream(xml));
        } catch (SessionFormatException e) {
            if (entry == null) {
                throw e;
            }
            String msg = e.getMessage();
            String prefix = e.location() + ": ";
            if (msg.startsWith(prefix)) {
                msg = msg.substring(prefix.length());
            }
            throw new SessionFormatException(new SourceLocation(file, e.location().line(), "entry '" + entry + "'", -1), msg, e);
        } catch (IOException e) {
            throw new SessionFormatException(SourceLocation.element(file, entry == null ? PROJECT : "entry '" + entry + "'"),
                    "cannot read XML: " + e.getMessage(), e);
        }
    }

    boolean has(String entry) {
        return entries.contains(entry);
    }
}
