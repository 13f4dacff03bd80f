package topdown.format.dawproject;

import java.nio.file.Path;
import java.util.List;
import org.w3c.dom.Document;

/**
 * The native document a DAWproject read keeps: the project.xml DOM as parsed (never modified; writers clone
 * it), the metadata.xml bytes and the archive's entry names (copied verbatim into written archives).
 */
public final class DpDocument {
    private final DpArchive archive;

    DpDocument(DpArchive archive) {
        this.archive = archive;
    }

    public Path file() {
        return archive.file;
    }

    public boolean zipped() {
        return archive.zipped;
    }

    /** A private copy of the project.xml DOM. */
    public Document project() {
        return (Document) archive.project.cloneNode(true);
    }

    public byte[] projectXml() {
        return archive.projectXml.clone();
    }

    public byte[] metadataXml() {
        return archive.metadataXml == null ? null : archive.metadataXml.clone();
    }

    public List<String> entries() {
        return archive.entries;
    }
}
