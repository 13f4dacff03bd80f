package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The built-in equalizer: bands (type, Freq in hertz, Gain in decibel, Q linear). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "equalizer", propOrder = {"bands", "inputGain", "outputGain"})
public class DpEqualizer extends DpBuiltinDevice {
    @XmlElement(name = "Band") public List<DpEqBand> bands = new ArrayList<>();
    @XmlElement(name = "InputGain") public DpRealParameter inputGain;
    @XmlElement(name = "OutputGain") public DpRealParameter outputGain;

    @Override
    public String elementName() {
        return "Equalizer";
    }
}
