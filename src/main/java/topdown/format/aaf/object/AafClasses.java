package topdown.format.aaf.object;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * AAF class identities: the built-in classes of the AAF object model (AUIDs of the form
 * {@code 0d010101-0101-NNNN-060e-2b3402060101}) with their parents, plus extension classes the file's
 * MetaDictionary declares (so a writer's private subclass of, say, SourceClip is still a SourceClip).
 */
final class AafClasses {
    private static final String PREFIX = "0d010101-0101-";
    private static final String SUFFIX = "-060e-2b3402060101";
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> parents = new HashMap<>();

    AafClasses() {
        builtin("0101", "InterchangeObject", null);
        builtin("0200", "Component", "InterchangeObject");
        builtin("0300", "Segment", "Component");
        builtin("0400", "EdgeCode", "Segment");
        builtin("0500", "EssenceGroup", "Segment");
        builtin("0600", "Event", "Segment");
        builtin("0700", "GPITrigger", "Event");
        builtin("0800", "CommentMarker", "Event");
        builtin("0900", "Filler", "Segment");
        builtin("0a00", "OperationGroup", "Segment");
        builtin("0b00", "NestedScope", "Segment");
        builtin("0c00", "Pulldown", "Segment");
        builtin("0d00", "ScopeReference", "Segment");
        builtin("0e00", "Selector", "Segment");
        builtin("0f00", "Sequence", "Segment");
        builtin("1000", "SourceReference", "Segment");
        builtin("1100", "SourceClip", "SourceReference");
        builtin("1200", "TextClip", "SourceReference");
        builtin("1300", "HTMLClip", "TextClip");
        builtin("1400", "Timecode", "Segment");
        builtin("1500", "TimecodeStream", "Segment");
        builtin("1600", "TimecodeStream12M", "TimecodeStream");
        builtin("1700", "Transition", "Component");
        builtin("1800", "ContentStorage", "InterchangeObject");
        builtin("1900", "ControlPoint", "InterchangeObject");
        builtin("1a00", "DefinitionObject", "InterchangeObject");
        builtin("1b00", "DataDefinition", "DefinitionObject");
        builtin("1c00", "OperationDefinition", "DefinitionObject");
        builtin("1d00", "ParameterDefinition", "DefinitionObject");
        builtin("1e00", "PluginDefinition", "DefinitionObject");
        builtin("1f00", "CodecDefinition", "DefinitionObject");
        builtin("2000", "ContainerDefinition", "DefinitionObject");
        builtin("2100", "InterpolationDefinition", "DefinitionObject");
        builtin("2200", "Dictionary", "InterchangeObject");
        builtin("2300", "EssenceData", "InterchangeObject");
        builtin("2400", "EssenceDescriptor", "InterchangeObject");
        builtin("2500", "FileDescriptor", "EssenceDescriptor");
        builtin("2600", "AIFCDescriptor", "FileDescriptor");
        builtin("2700", "DigitalImageDescriptor", "FileDescriptor");
        builtin("2800", "CDCIDescriptor", "DigitalImageDescriptor");
        builtin("2900", "RGBADescriptor", "DigitalImageDescriptor");
        builtin("2a00", "HTMLDescriptor", "FileDescriptor");
        builtin("2b00", "TIFFDescriptor", "FileDescriptor");
        builtin("2c00", "WAVEDescriptor", "FileDescriptor");
        builtin("2d00", "FilmDescriptor", "EssenceDescriptor");
        builtin("2e00", "TapeDescriptor", "EssenceDescriptor");
        builtin("2f00", "Header", "InterchangeObject");
        builtin("3000", "Identification", "InterchangeObject");
        builtin("3100", "Locator", "InterchangeObject");
        builtin("3200", "NetworkLocator", "Locator");
        builtin("3300", "TextLocator", "Locator");
        builtin("3400", "Mob", "InterchangeObject");
        builtin("3500", "CompositionMob", "Mob");
        builtin("3600", "MasterMob", "Mob");
        builtin("3700", "SourceMob", "Mob");
        builtin("3800", "MobSlot", "InterchangeObject");
        builtin("3900", "EventMobSlot", "MobSlot");
        builtin("3a00", "StaticMobSlot", "MobSlot");
        builtin("3b00", "TimelineMobSlot", "MobSlot");
        builtin("3c00", "Parameter", "InterchangeObject");
        builtin("3d00", "ConstantValue", "Parameter");
        builtin("3e00", "VaryingValue", "Parameter");
        builtin("3f00", "TaggedValue", "InterchangeObject");
        builtin("4000", "KLVData", "InterchangeObject");
        builtin("4100", "DescriptiveMarker", "CommentMarker");
        builtin("4200", "SoundDescriptor", "FileDescriptor");
        builtin("4300", "DataEssenceDescriptor", "FileDescriptor");
        builtin("4400", "MultipleDescriptor", "FileDescriptor");
        builtin("4500", "DescriptiveClip", "SourceClip");
        builtin("4700", "AES3PCMDescriptor", "PCMDescriptor");
        builtin("4800", "PCMDescriptor", "SoundDescriptor");
        builtin("4900", "PhysicalDescriptor", "EssenceDescriptor");
        builtin("4a00", "ImportDescriptor", "PhysicalDescriptor");
        builtin("4b00", "RecordingDescriptor", "PhysicalDescriptor");
        builtin("4c00", "TaggedValueDefinition", "DefinitionObject");
        builtin("4d00", "KLVDataDefinition", "DefinitionObject");
        builtin("4e00", "AuxiliaryDescriptor", "PhysicalDescriptor");
        builtin("4f00", "RIFFChunk", "InterchangeObject");
        builtin("5000", "BWFImportDescriptor", "ImportDescriptor");
        builtin("5100", "MPEGVideoDescriptor", "CDCIDescriptor");
    }

    private void builtin(String code, String name, String parent) {
        String id = PREFIX + code + SUFFIX;
        names.put(id, name);
        names.put(name, name);
        if (parent != null) {
            parents.put(name, parent);
        }
    }

    String name(String classId) {
        String n = names.get(classId);
        return n == null ? classId : n;
    }

    /** True when the class (or one of its ancestors) is the named AAF class. */
    boolean isA(String classId, String className) {
        String n = name(classId);
        for (int depth = 0; n != null && depth < 64; depth++) {
            if (n.equals(className)) {
                return true;
            }
            n = parents.get(n);
        }
        return false;
    }

    /** Adds extension classes from the file's MetaDictionary (root property 0x0001, ClassDefinitions 0x0003). */
    void loadMetaDictionary(AafFile file) throws IOException {
        AafObject meta = file.root().ref(0x0001);
        if (meta == null) {
            return;
        }
        Map<String, String> parentIds = new HashMap<>();
        for (AafObject cd : meta.refs(0x0003)) {
            String id = cd.auid(0x0005);
            String nm = cd.string(0x0006);
            String parent = cd.weakRefAuid(0x0008);
            if (id == null || nm == null) {
                continue;
            }
            if (!names.containsKey(id)) {
                names.put(id, nm);
                if (!names.containsKey(nm)) {
                    names.put(nm, nm);
                }
                if (parent != null) {
                    parentIds.put(nm, parent);
                }
            }
        }
        for (Map.Entry<String, String> e : parentIds.entrySet()) {
            String pn = names.get(e.getValue());
            if (pn != null && !pn.equals(e.getKey())) {
                parents.putIfAbsent(e.getKey(), pn);
            }
        }
    }
}
