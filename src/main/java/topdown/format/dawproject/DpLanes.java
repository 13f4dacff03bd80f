package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** Lanes: nested timelines (per-track lanes, clips, automation points). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "lanes")
public class DpLanes extends DpTimeline {
    @XmlElements({
        @XmlElement(name = "Lanes", type = DpLanes.class),
        @XmlElement(name = "Notes", type = DpNotes.class),
        @XmlElement(name = "Clips", type = DpClips.class),
        @XmlElement(name = "ClipSlot", type = DpClipSlot.class),
        @XmlElement(name = "markers", type = DpMarkers.class),
        @XmlElement(name = "Warps", type = DpWarps.class),
        @XmlElement(name = "Audio", type = DpAudio.class),
        @XmlElement(name = "Video", type = DpVideo.class),
        @XmlElement(name = "Points", type = DpPoints.class)})
    public List<DpTimeline> content = new ArrayList<>();
}
