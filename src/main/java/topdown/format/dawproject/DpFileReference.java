package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A file: inside the archive ({@code external} false or absent) or beside the project. */
@XmlAccessorType(XmlAccessType.FIELD)
public class DpFileReference {
    @XmlAttribute(required = true) public String path;
    @XmlAttribute public Boolean external;

    public DpFileReference() {
    }

    public DpFileReference(String path, Boolean external) {
        this.path = path;
        this.external = external;
    }
}
