package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** DAWproject {@code nameable}: name, colour and comment (Project.xsd). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
public abstract class DpNameable {
    @XmlAttribute public String name;
    @XmlAttribute public String color;
    @XmlAttribute public String comment;
}
