package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** Transport: initial tempo (bpm) and time signature. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"tempo", "timeSignature"})
public class DpTransport {
    @XmlElement(name = "Tempo") public DpRealParameter tempo;
    @XmlElement(name = "TimeSignature") public DpTimeSignatureParameter timeSignature;
}
