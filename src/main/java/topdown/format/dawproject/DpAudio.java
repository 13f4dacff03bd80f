package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** An audio file: channels, sample rate, duration (seconds). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "audio", propOrder = {"file"})
public class DpAudio extends DpMediaFile {
    @XmlAttribute public String algorithm;
    @XmlAttribute(required = true) public int channels;
    @XmlAttribute(required = true) public int sampleRate;
}
