package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A video file (reported, not rendered). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "video", propOrder = {"file"})
public class DpVideo extends DpMediaFile {
    @XmlAttribute public String algorithm;
    @XmlAttribute(required = true) public int channels;
    @XmlAttribute(required = true) public int sampleRate;
}
