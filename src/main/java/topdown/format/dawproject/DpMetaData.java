package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** metadata.xml (MetaData.xsd): song information. */
@XmlRootElement(name = "MetaData")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"title", "artist", "comment"})
public class DpMetaData {
    @XmlElement(name = "Title") public String title;
    @XmlElement(name = "Artist") public String artist;
    @XmlElement(name = "Comment") public String comment;
}
