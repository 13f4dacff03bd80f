package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The built-in noise gate. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "noiseGate", propOrder = {"attack", "range", "ratio", "release", "threshold"})
public class DpNoiseGate extends DpBuiltinDevice {
    @XmlElement(name = "Attack") public DpRealParameter attack;
    @XmlElement(name = "Range") public DpRealParameter range;
    @XmlElement(name = "Ratio") public DpRealParameter ratio;
    @XmlElement(name = "Release") public DpRealParameter release;
    @XmlElement(name = "Threshold") public DpRealParameter threshold;

    @Override
    public String elementName() {
        return "NoiseGate";
    }
}
