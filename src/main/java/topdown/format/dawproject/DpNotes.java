package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** MIDI notes (counted and reported; TopDown does not render MIDI). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "notes")
public class DpNotes extends DpTimeline {
    @XmlElement(name = "Note") public List<Note> notes = new ArrayList<>();

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "note")
    public static class Note {
        @XmlAttribute(required = true) public String time;
        @XmlAttribute(required = true) public String duration;
        @XmlAttribute(required = true) public int channel;
        @XmlAttribute(required = true) public int key;
    }
}
