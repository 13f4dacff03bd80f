package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** The writing application. */
@XmlAccessorType(XmlAccessType.FIELD)
public class DpApplication {
    @XmlAttribute(required = true) public String name;
    @XmlAttribute(required = true) public String version;
}
