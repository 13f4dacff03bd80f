package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** Third-party plugin devices; the state lives in the archive file named by {@code State}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "plugin")
@XmlSeeAlso({DpPlugin.Vst2.class, DpPlugin.Vst3.class, DpPlugin.Clap.class, DpPlugin.Au.class})
public abstract class DpPlugin extends DpDevice {
    @XmlAttribute public String pluginVersion;

    @XmlType(name = "vst2Plugin")
    public static class Vst2 extends DpPlugin {
        @Override
        public String elementName() {
            return "Vst2Plugin";
        }
    }

    @XmlType(name = "vst3Plugin")
    public static class Vst3 extends DpPlugin {
        @Override
        public String elementName() {
            return "Vst3Plugin";
        }
    }

    @XmlType(name = "clapPlugin")
    public static class Clap extends DpPlugin {
        @Override
        public String elementName() {
            return "ClapPlugin";
        }
    }

    @XmlType(name = "auPlugin")
    public static class Au extends DpPlugin {
        @Override
        public String elementName() {
            return "AuPlugin";
        }
    }
}
