package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The transport time signature. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "timeSignatureParameter")
public class DpTimeSignatureParameter extends DpParameter {
    @XmlAttribute(required = true) public int denominator;
    @XmlAttribute(required = true) public int numerator;
}
