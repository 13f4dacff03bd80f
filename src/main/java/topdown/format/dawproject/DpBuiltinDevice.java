package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A device every DAWproject host maps to its own processor. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "builtinDevice")
@XmlSeeAlso({DpEqualizer.class, DpCompressor.class, DpNoiseGate.class, DpLimiter.class})
public class DpBuiltinDevice extends DpDevice {
    @Override
    public String elementName() {
        return "BuiltinDevice";
    }
}
