package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** Arrangement markers. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "markers")
public class DpMarkers extends DpTimeline {
    @XmlElement(name = "Marker", required = true) public List<DpMarker> markers = new ArrayList<>();
}
