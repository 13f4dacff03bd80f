package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A list of clips on a timeline. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "clips")
public class DpClips extends DpTimeline {
    @XmlElement(name = "Clip") public List<DpClip> clips = new ArrayList<>();
}
