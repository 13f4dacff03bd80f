package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The arrangement: lanes, markers, tempo and time-signature automation. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "arrangement", propOrder = {"lanes", "markers", "tempoAutomation", "timeSignatureAutomation"})
public class DpArrangement extends DpReferenceable {
    @XmlElement(name = "Lanes") public DpLanes lanes;
    @XmlElement(name = "Markers") public DpMarkers markers;
    @XmlElement(name = "TempoAutomation") public DpPoints tempoAutomation;
    @XmlElement(name = "TimeSignatureAutomation") public DpPoints timeSignatureAutomation;
}
