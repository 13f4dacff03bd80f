package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A track: its mixer channel and nested tracks (folders). contentType lists audio, notes, … */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "track", propOrder = {"channel", "tracks"})
public class DpTrack extends DpReferenceable {
    @XmlAttribute @XmlList public List<String> contentType;
    @XmlAttribute public Boolean loaded;
    @XmlElement(name = "Channel") public DpChannel channel;
    @XmlElement(name = "Track") public List<DpTrack> tracks = new ArrayList<>();
}
