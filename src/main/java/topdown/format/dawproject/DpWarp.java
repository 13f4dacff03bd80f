package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** One warp marker. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "warp")
public class DpWarp {
    @XmlAttribute(required = true) public double time;
    @XmlAttribute(required = true) public double contentTime;
}
