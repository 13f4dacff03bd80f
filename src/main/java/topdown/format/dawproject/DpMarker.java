package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** One marker at {@code time} (timeline unit). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "marker")
public class DpMarker extends DpNameable {
    @XmlAttribute(required = true) public double time;
}
