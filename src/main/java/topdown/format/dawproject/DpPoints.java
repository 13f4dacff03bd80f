package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** Automation points for one target parameter (unit optional). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "points", propOrder = {"target", "points"})
public class DpPoints extends DpTimeline {
    @XmlAttribute public String unit;
    @XmlElement(name = "Target", required = true) public Target target;
    @XmlElements({
        @XmlElement(name = "RealPoint", type = DpPoint.Real.class),
        @XmlElement(name = "BoolPoint", type = DpPoint.Bool.class),
        @XmlElement(name = "IntegerPoint", type = DpPoint.Int.class),
        @XmlElement(name = "EnumPoint", type = DpPoint.Enumerated.class),
        @XmlElement(name = "TimeSignaturePoint", type = DpPoint.TimeSignature.class)})
    public List<DpPoint> points = new ArrayList<>();

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "automationTarget")
    public static class Target {
        @XmlAttribute public String parameter;
        @XmlAttribute public String expression;
        @XmlAttribute public Integer channel;
        @XmlAttribute public Integer key;
        @XmlAttribute public Integer controller;
    }
}
