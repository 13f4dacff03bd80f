package topdown.model;

/**
 * How a DAW turns a pan position into left/right gains. Each format reader sets the session's law
 * from the project's setting or the DAW's default; the renderer implements each one.
 */
public enum PanLaw {
    /** Ardour: mono sources use equal power with -3 dB at centre; stereo sources use a linear balance. */
    ARDOUR,
    /** Sine/cosine equal power, -3 dB at centre (for mono and stereo). */
    EQUAL_POWER_MINUS_3DB,
    /** Equal power normalised so the centre is 0 dB (sides reach +3 dB). */
    EQUAL_POWER_0DB,
    /** Linear law, -6 dB at centre. */
    LINEAR_MINUS_6DB,
    /** Balance: centre leaves both sides at unity, turning one side down as the other stays. */
    BALANCE
}
