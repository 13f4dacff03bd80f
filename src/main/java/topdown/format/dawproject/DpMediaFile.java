package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A media file timeline: the file and its duration in seconds. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
public abstract class DpMediaFile extends DpTimeline {
    @XmlAttribute(required = true) public double duration;
    @XmlElement(name = "File", required = true) public DpFileReference file;
}
