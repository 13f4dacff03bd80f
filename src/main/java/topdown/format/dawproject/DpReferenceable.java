package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** DAWproject {@code referenceable}: a nameable with an {@code id} other elements point at. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlTransient
public abstract class DpReferenceable extends DpNameable {
    @XmlAttribute public String id;
}
