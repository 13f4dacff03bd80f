package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The built-in limiter. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "limiter", propOrder = {"attack", "inputGain", "outputGain", "release", "threshold"})
public class DpLimiter extends DpBuiltinDevice {
    @XmlElement(name = "Attack") public DpRealParameter attack;
    @XmlElement(name = "InputGain") public DpRealParameter inputGain;
    @XmlElement(name = "OutputGain") public DpRealParameter outputGain;
    @XmlElement(name = "Release") public DpRealParameter release;
    @XmlElement(name = "Threshold") public DpRealParameter threshold;

    @Override
    public String elementName() {
        return "Limiter";
    }
}
