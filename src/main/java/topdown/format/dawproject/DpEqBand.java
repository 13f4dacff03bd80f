package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** One equalizer band; {@code type} is highPass, lowPass, bandPass, highShelf, lowShelf, bell or notch. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "eqBand", propOrder = {"freq", "gain", "q", "enabled"})
public class DpEqBand {
    @XmlAttribute(required = true) public String type;
    @XmlAttribute public Integer order;
    @XmlElement(name = "Freq", required = true) public DpRealParameter freq;
    @XmlElement(name = "Gain") public DpRealParameter gain;
    @XmlElement(name = "Q") public DpRealParameter q;
    @XmlElement(name = "Enabled") public DpBoolParameter enabled;
}
