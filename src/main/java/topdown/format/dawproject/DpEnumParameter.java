package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** An enumerated parameter: {@code count} choices, optional labels. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "enumParameter")
public class DpEnumParameter extends DpParameter {
    @XmlAttribute(required = true) public int count;
    @XmlAttribute @XmlList public List<String> labels;
    @XmlAttribute public Integer value;
}
