package topdown.format.aaf;

/** Property ids (PIDs) and definition AUIDs of the AAF object model that the reader uses. */
final class AafIds {
    private AafIds() {
    }

    // Root and header
    static final int ROOT_HEADER = 0x0002;
    static final int HEADER_CONTENT = 0x3B03;
    static final int HEADER_IDENTIFICATION_LIST = 0x3B06;
    static final int IDENT_COMPANY = 0x3C01;
    static final int IDENT_PRODUCT = 0x3C02;
    static final int IDENT_VERSION_STRING = 0x3C04;
    static final int CONTENT_MOBS = 0x1901;
    static final int CONTENT_ESSENCE_DATA = 0x1902;
    // Mobs and slots
    static final int MOB_ID = 0x4401;
    static final int MOB_NAME = 0x4402;
    static final int MOB_SLOTS = 0x4403;
    static final int MOB_USAGE_CODE = 0x4408;
    static final int MOB_ATTRIBUTES = 0x4409;
    static final int SOURCE_MOB_DESCRIPTOR = 0x4701;
    static final int SLOT_ID = 0x4801;
    static final int SLOT_NAME = 0x4802;
    static final int SLOT_SEGMENT = 0x4803;
    static final int SLOT_PHYSICAL_TRACK = 0x4804;
    static final int EVENT_SLOT_EDIT_RATE = 0x4901;
    static final int TIMELINE_SLOT_EDIT_RATE = 0x4B01;
    static final int TIMELINE_SLOT_ORIGIN = 0x4B02;
    // Components
    static final int COMPONENT_DATA_DEF = 0x0201;
    static final int COMPONENT_LENGTH = 0x0202;
    static final int COMPONENT_ATTRIBUTES = 0x0205;
    static final int SEQUENCE_COMPONENTS = 0x1001;
    static final int SOURCE_REF_SOURCE_ID = 0x1101;
    static final int SOURCE_REF_SLOT_ID = 0x1102;
    static final int SOURCE_CLIP_START = 0x1201;
    static final int SOURCE_CLIP_FADE_IN_LENGTH = 0x1202;
    static final int SOURCE_CLIP_FADE_IN_TYPE = 0x1203;
    static final int SOURCE_CLIP_FADE_OUT_LENGTH = 0x1204;
    static final int SOURCE_CLIP_FADE_OUT_TYPE = 0x1205;
    static final int OPGROUP_OPERATION = 0x0B01;
    static final int OPGROUP_INPUTS = 0x0B02;
    static final int OPGROUP_PARAMETERS = 0x0B03;
    static final int NESTED_SCOPE_SLOTS = 0x0C01;
    static final int PULLDOWN_INPUT = 0x0D01;
    static final int SELECTOR_SELECTED = 0x0F01;
    static final int SELECTOR_ALTERNATES = 0x0F02;
    static final int TRANSITION_OPGROUP = 0x1801;
    static final int TRANSITION_CUT_POINT = 0x1802;
    static final int TIMECODE_START = 0x1501;
    static final int TIMECODE_FPS = 0x1502;
    static final int EVENT_POSITION = 0x0601;
    static final int EVENT_COMMENT = 0x0602;
    static final int COMMENT_MARKER_ANNOTATION = 0x0901;
    static final int PARAMETER_DEFINITION = 0x4C01;
    static final int CONSTANT_VALUE = 0x4D01;
    static final int VARYING_INTERPOLATION = 0x4E01;
    static final int VARYING_POINTS = 0x4E02;
    static final int CONTROL_POINT_VALUE = 0x1A02;
    static final int CONTROL_POINT_TIME = 0x1A03;
    static final int TAGGED_NAME = 0x5001;
    static final int TAGGED_VALUE = 0x5003;
    // Descriptors and essence
    static final int DESCRIPTOR_LOCATORS = 0x2F01;
    static final int FILE_DESC_SAMPLE_RATE = 0x3001;
    static final int FILE_DESC_LENGTH = 0x3002;
    static final int AIFC_SUMMARY = 0x3101;
    static final int WAVE_SUMMARY = 0x3801;
    static final int SOUND_QUANTIZATION_BITS = 0x3D01;
    static final int SOUND_AUDIO_SAMPLING_RATE = 0x3D03;
    static final int SOUND_CHANNELS = 0x3D07;
    static final int PCM_BLOCK_ALIGN = 0x3D0A;
    static final int MULTIPLE_DESCRIPTORS = 0x3F01;
    static final int NETWORK_LOCATOR_URL = 0x4001;
    static final int ESSENCE_DATA_MOB_ID = 0x2701;
    static final int ESSENCE_DATA_DATA = 0x2702;

    // Operation and parameter definitions (matched by AUID, never by name)
    static final String OP_MONO_AUDIO_GAIN = "9d2ea894-0968-11d3-8a38-0050040ef7d2";
    static final String OP_MONO_AUDIO_PAN = "9d2ea893-0968-11d3-8a38-0050040ef7d2";
    static final String OP_STEREO_AUDIO_GAIN = "9d2ea897-0968-11d3-8a38-0050040ef7d2";
    static final String OP_MONO_AUDIO_DISSOLVE = "0c3bea41-fc05-11d2-8a29-0050040ef7d2";
    static final String OP_AUDIO_CHANNEL_COMBINER = "6b46dd7a-132d-4856-ab21-8b751d8462ec";
    static final String PARAM_AMPLITUDE = "e4962321-2267-11d3-8a4c-0050040ef7d2";
    static final String PARAM_PAN = "e4962322-2267-11d3-8a4c-0050040ef7d2";
    static final String INTERP_CONSTANT = "5b6c85a5-0ede-11d3-80a9-006008143e6f";
    static final String INTERP_LINEAR = "5b6c85a4-0ede-11d3-80a9-006008143e6f";
    static final String INTERP_POWER = "5b6c85a6-0ede-11d3-80a9-006008143e6f";
    static final String INTERP_LOG = "15829ec3-1f24-458a-960d-c65bb23c2aa1";
    static final String TYPE_RATIONAL = "03010100-0000-0000-060e-2b3401040101";
    static final String TYPE_INT32 = "01010300-0000-0000-060e-2b3401040101";
    static final String TYPE_FLOAT = "01010100-0000-0000-060e-2b3401040101";

    /** Sound data definitions: the SMPTE "Sound"/"LegacySound" labels and the legacy AUID. */
    static boolean isSound(String dataDef) {
        // SMPTE DataDef_Sound 060e2b34.04010101.01030202.02000000 and the legacy Sound AUID
        return dataDef != null && (dataDef.startsWith("01030202-0200-") || dataDef.startsWith("78e1ebe1-6cef-11d2"));
    }

    static boolean isTimecode(String dataDef) {
        return dataDef != null && (dataDef.startsWith("01030201-") || dataDef.startsWith("7f275e81-77e5-11d2"));
    }
}
