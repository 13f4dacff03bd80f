package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/**
 * A clip: {@code time} and {@code duration} in the parent timeline unit, {@code playStart} (and loops) in the
 * content unit ({@code contentTimeUnit}, else the parent unit), fades in {@code fadeTimeUnit}. The content is one
 * timeline: Audio, Warps, nested Clips, Notes, …; {@code reference} points at content elsewhere (aliases).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "clip")
public class DpClip extends DpNameable {
    @XmlAttribute(required = true) public double time;
    @XmlAttribute public Double duration;
    @XmlAttribute public String contentTimeUnit;
    @XmlAttribute public Double playStart;
    @XmlAttribute public Double playStop;
    @XmlAttribute public Double loopStart;
    @XmlAttribute public Double loopEnd;
    @XmlAttribute public String fadeTimeUnit;
    @XmlAttribute public Double fadeInTime;
    @XmlAttribute public Double fadeOutTime;
    @XmlAttribute public Boolean enable;
    @XmlAttribute public String reference;
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
}
