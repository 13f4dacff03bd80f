package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A boolean parameter (Mute, Enabled, Enable). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "boolParameter")
public class DpBoolParameter extends DpParameter {
    @XmlAttribute public Boolean value;

    public DpBoolParameter() {
    }

    public DpBoolParameter(String id, boolean value) {
        this.id = id;
        this.value = value;
    }
}
