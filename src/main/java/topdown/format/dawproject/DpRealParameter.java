package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A real-valued parameter with its unit (linear, normalized, decibel, hertz, seconds, bpm, …). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "realParameter")
public class DpRealParameter extends DpParameter {
    @XmlAttribute public String max;
    @XmlAttribute public String min;
    @XmlAttribute(required = true) public String unit;
    @XmlAttribute public String value;

    public DpRealParameter() {
    }

    public DpRealParameter(String id, String unit, double value, Double min, Double max) {
        this.id = id;
        this.unit = unit;
        this.value = DpNumbers.format(value);
        this.min = min == null ? null : DpNumbers.format(min);
        this.max = max == null ? null : DpNumbers.format(max);
    }

    /** The value, or {@code fallback} when absent or not a number. */
    public double value(double fallback) {
        return DpNumbers.parse(value, fallback);
    }
}
