package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** Warped content: the content timeline and warp markers (time in the parent unit, contentTime in contentTimeUnit). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "warps", propOrder = {"content", "warps"})
public class DpWarps extends DpTimeline {
    @XmlAttribute(required = true) public String contentTimeUnit;
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
    public DpTimeline content;
    @XmlElement(name = "Warp", required = true) public List<DpWarp> warps = new ArrayList<>();
}
