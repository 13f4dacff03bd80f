package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A timeline: its own {@code timeUnit} (beats or seconds; inherited when absent) and owning track. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
@XmlSeeAlso({DpLanes.class, DpClips.class, DpNotes.class, DpMarkers.class, DpWarps.class, DpAudio.class, DpVideo.class,
        DpPoints.class, DpClipSlot.class})
public abstract class DpTimeline extends DpReferenceable {
    @XmlAttribute public String timeUnit;
    @XmlAttribute public String track;

    /** The element names a timeline may appear as inside Lanes, Clip, Warps and Scene. */
    public static final String[] ELEMENTS = {"Timeline", "Lanes", "Notes", "Clips", "ClipSlot", "markers", "Warps", "Audio",
        "Video", "Points"};
}
