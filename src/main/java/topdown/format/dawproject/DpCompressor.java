package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The built-in compressor (Attack/Release in seconds, Threshold and gains in decibel, Ratio). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "compressor", propOrder = {"attack", "autoMakeup", "inputGain", "outputGain", "ratio", "release", "threshold"})
public class DpCompressor extends DpBuiltinDevice {
    @XmlElement(name = "Attack") public DpRealParameter attack;
    @XmlElement(name = "AutoMakeup") public DpBoolParameter autoMakeup;
    @XmlElement(name = "InputGain") public DpRealParameter inputGain;
    @XmlElement(name = "OutputGain") public DpRealParameter outputGain;
    @XmlElement(name = "Ratio") public DpRealParameter ratio;
    @XmlElement(name = "Release") public DpRealParameter release;
    @XmlElement(name = "Threshold") public DpRealParameter threshold;

    @Override
    public String elementName() {
        return "Compressor";
    }
}
