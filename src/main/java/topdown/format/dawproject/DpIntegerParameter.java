package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** An integer parameter. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "integerParameter")
public class DpIntegerParameter extends DpParameter {
    @XmlAttribute public Integer max;
    @XmlAttribute public Integer min;
    @XmlAttribute public Integer value;
}
