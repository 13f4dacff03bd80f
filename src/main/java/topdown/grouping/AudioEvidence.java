package topdown.grouping;

import java.util.Locale;

/**
 * What a track's audio says about its group: measured features and the group the audio rules pick.
 * Features: spectral centroid (Hz), share of energy below 150 Hz, percussiveness (how much of the level
 * comes in short attacks: mean positive jump of the 10 ms envelope relative to its mean), stereo width
 * (side/mid energy), activity (fraction of 10 ms frames within 30 dB of the loudest).
 */
public record AudioEvidence(double centroidHz, double lowShare, double percussiveness, double width, double activity,
                            Group group, double confidence) {
    public String describe() {
        return String.format(Locale.ROOT, "audio: %s (centroid %.0f Hz, low-band share %.2f, percussiveness %.2f,"
                + " width %.2f, activity %.2f)", group.jsonName(), centroidHz, lowShare, percussiveness, width, activity);
    }

    /**
     * The explainable rules, from the physics of the parts rather than fitted numbers: a track whose
     * energy sits below 150 Hz is a kick when it is mostly silent between hits and a bass when it plays
     * most of the time; strongly percussive (sharp attacks) or very bright material is drums (snare,
     * cymbals); a legato, bright, mostly playing line is the lead (grouped with vocals: in a mix the lead
     * melody takes the vocal's place); a part playing only about half of the song with soft attacks and a
     * low-mid centroid is a backing part; bright plucked/strummed material is guitar; the rest (wide or
     * sustained chords) is keys. Confidence stays below the name model's so names win when they speak.
     */
    public static AudioEvidence classify(double centroid, double low, double perc, double width, double activity) {
        Group g;
        double conf;
        if (low > 0.5) {
            g = activity < 0.5 ? Group.DRUMS : Group.BASS;
            conf = 0.75;
        } else if (perc > 1.5 || centroid > 2500) {
            g = Group.DRUMS;
            conf = 0.75;
        } else if (perc < 0.45 && centroid > 1000 && activity > 0.6 && width < 0.2) {
            g = Group.VOCALS;
            conf = 0.55;
        } else if (activity < 0.6 && centroid < 1000 && width < 0.2) {
            g = Group.BACKINGS;
            conf = 0.5;
        } else if (centroid > 1200 && perc >= 0.45 && width < 0.2) {
            g = Group.GUITARS;
            conf = 0.5;
        } else {
            g = Group.KEYS;
            conf = 0.5;
        }
        return new AudioEvidence(centroid, low, perc, width, activity, g, conf);
    }
}
