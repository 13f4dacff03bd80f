package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A send to another channel ({@code type} pre or post). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "send", propOrder = {"enable", "pan", "volume"})
public class DpSend extends DpReferenceable {
    @XmlAttribute public String destination;
    @XmlAttribute public String type;
    @XmlElement(name = "Enable") public DpBoolParameter enable;
    @XmlElement(name = "Pan") public DpRealParameter pan;
    @XmlElement(name = "Volume", required = true) public DpRealParameter volume;
}
