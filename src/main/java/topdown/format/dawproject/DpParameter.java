package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** DAWproject {@code parameter}: a referenceable with an optional plugin parameter index. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
public abstract class DpParameter extends DpReferenceable {
    @XmlAttribute public Integer parameterID;
}
