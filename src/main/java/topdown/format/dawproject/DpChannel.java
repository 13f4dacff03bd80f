package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A mixer channel: devices, mute, pan, sends, volume; {@code destination} is the routing. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "channel", propOrder = {"devices", "mute", "pan", "sends", "volume"})
public class DpChannel extends DpReferenceable {
    @XmlAttribute public Integer audioChannels;
    @XmlAttribute public String destination;
    @XmlAttribute public String role;
    @XmlAttribute public Boolean solo;
    @XmlElementWrapper(name = "Devices")
    @XmlElements({
        @XmlElement(name = "Device", type = DpDevice.class),
        @XmlElement(name = "Vst2Plugin", type = DpPlugin.Vst2.class),
        @XmlElement(name = "Vst3Plugin", type = DpPlugin.Vst3.class),
        @XmlElement(name = "ClapPlugin", type = DpPlugin.Clap.class),
        @XmlElement(name = "BuiltinDevice", type = DpBuiltinDevice.class),
        @XmlElement(name = "Equalizer", type = DpEqualizer.class),
        @XmlElement(name = "Compressor", type = DpCompressor.class),
        @XmlElement(name = "NoiseGate", type = DpNoiseGate.class),
        @XmlElement(name = "Limiter", type = DpLimiter.class),
        @XmlElement(name = "AuPlugin", type = DpPlugin.Au.class)})
    public List<DpDevice> devices;
    @XmlElement(name = "Mute") public DpBoolParameter mute;
    @XmlElement(name = "Pan") public DpRealParameter pan;
    @XmlElementWrapper(name = "Sends") @XmlElement(name = "Send") public List<DpSend> sends;
    @XmlElement(name = "Volume") public DpRealParameter volume;
}
