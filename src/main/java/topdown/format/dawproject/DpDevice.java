package topdown.format.dawproject;

import jakarta.xml.bind.annotation.*;
import java.util.ArrayList;
import java.util.List;

/** A device (plugin or built-in processor) on a channel; parameters, on/off and a state file. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "device", propOrder = {"parameters", "enabled", "state"})
@XmlSeeAlso({DpPlugin.class, DpBuiltinDevice.class})
public class DpDevice extends DpReferenceable {
    @XmlAttribute public String deviceID;
    @XmlAttribute(required = true) public String deviceName;
    @XmlAttribute(required = true) public String deviceRole;
    @XmlAttribute public String deviceVendor;
    @XmlAttribute public Boolean loaded;
    @XmlElementWrapper(name = "Parameters")
    @XmlElements({
        @XmlElement(name = "RealParameter", type = DpRealParameter.class),
        @XmlElement(name = "BoolParameter", type = DpBoolParameter.class),
        @XmlElement(name = "IntegerParameter", type = DpIntegerParameter.class),
        @XmlElement(name = "EnumParameter", type = DpEnumParameter.class),
        @XmlElement(name = "TimeSignatureParameter", type = DpTimeSignatureParameter.class)})
    public List<DpParameter> parameters;
    @XmlElement(name = "Enabled") public DpBoolParameter enabled;
    @XmlElement(name = "State") public DpFileReference state;

    /** The element name this device is written as (Project.xsd). */
    public String elementName() {
        return "Device";
    }
}
