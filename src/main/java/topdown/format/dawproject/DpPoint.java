package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** An automation point at {@code time} (timeline unit). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
public abstract class DpPoint {
    @XmlAttribute(required = true) public String time;

    /** The value as a number (booleans 0/1). */
    public abstract double number();

    @XmlType(name = "realPoint")
    public static class Real extends DpPoint {
        @XmlAttribute(required = true) public String value;
        @XmlAttribute public String interpolation;

        @Override
        public double number() {
            return DpNumbers.parse(value, Double.NaN);
        }
    }

    @XmlType(name = "boolPoint")
    public static class Bool extends DpPoint {
        @XmlAttribute(required = true) public boolean value;

        @Override
        public double number() {
            return value ? 1 : 0;
        }
    }

    @XmlType(name = "integerPoint")
    public static class Int extends DpPoint {
        @XmlAttribute(required = true) public int value;

        @Override
        public double number() {
            return value;
        }
    }

    @XmlType(name = "enumPoint")
    public static class Enumerated extends DpPoint {
        @XmlAttribute(required = true) public int value;

        @Override
        public double number() {
            return value;
        }
    }

    @XmlType(name = "timeSignaturePoint")
    public static class TimeSignature extends DpPoint {
        @XmlAttribute(required = true) public int numerator;
        @XmlAttribute(required = true) public int denominator;

        @Override
        public double number() {
            return numerator / (double) denominator;
        }
    }
}
