package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A clip launcher slot (scenes); read so it is recognised, not modelled. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "clipSlot")
public class DpClipSlot extends DpTimeline {
    @XmlAttribute public Boolean hasStop;
    @XmlElement(name = "Clip") public DpClip clip;
}
