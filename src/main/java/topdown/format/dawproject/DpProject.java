package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The root of project.xml. Structure holds tracks and channels; Scenes are kept in the DOM only. */
@XmlRootElement(name = "Project")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"application", "transport", "structure", "arrangement"})
public class DpProject {
    @XmlAttribute(required = true) public String version;
    @XmlElement(name = "Application", required = true) public DpApplication application;
    @XmlElement(name = "Transport") public DpTransport transport;
    @XmlElementWrapper(name = "Structure")
    @XmlElements({@XmlElement(name = "Track", type = DpTrack.class), @XmlElement(name = "Channel", type = DpChannel.class)})
    public List<DpReferenceable> structure = new ArrayList<>();
    @XmlElement(name = "Arrangement") public DpArrangement arrangement;
}
