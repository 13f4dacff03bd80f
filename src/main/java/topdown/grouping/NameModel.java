package topdown.grouping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses a track's group from its name: tokenises (case, digits, separators, camelCase), looks tokens
 * and token pairs up in a weighted multilingual lexicon (English, German, French, Spanish, Italian,
 * Portuguese, Dutch, Swedish abbreviations and words), applies guards against the classic traps ("bass
 * drum" is drums, "kick bass"/"synth bass" are bass, "hi" only counts in "hi hat"), and returns the best
 * group with a confidence and the words that decided it. Names without an instrument word give OTHER
 * with low confidence.
 */
public final class NameModel {
    public record Guess(Group group, double confidence, List<String> evidence) {
    }

    private static final Map<String, Object[]> WORDS = new HashMap<>();
    private static final Map<String, Object[]> PAIRS = new HashMap<>();

    private static void w(Group g, double weight, String... words) {
        for (String s : words) {
            WORDS.put(s, new Object[] {g, weight});
        }
    }

    private static void pair(Group g, double weight, String... pairs) {
        for (String s : pairs) {
            PAIRS.put(s, new Object[] {g, weight});
        }
    }

    static {
        w(Group.DRUMS, 1.0, "kick", "kik", "kck", "bd", "bassdrum", "snare", "snr", "sn", "sd", "hat", "hats", "hh", "hihat",
                "hihats", "oh", "ohs", "overhead", "overheads", "tom", "toms", "floortom", "rack", "ft", "rt", "room", "rooms",
                "drum", "drums", "drm", "drms", "kit", "perc", "percussion", "cymbal", "cymbals", "ride", "crash", "china",
                "splash", "clap", "claps", "shaker", "tamb", "tambourine", "conga", "congas", "bongo", "bongos", "cajon",
                "cowbell", "rim", "rimshot", "sidestick", "trash", "bateria", "batterie", "schlagzeug", "caisse", "grosse",
                "bombo", "caja", "redoblante", "platos", "becken", "tambour", "cassa", "rullante", "charleston", "timbal",
                "timbales", "loop", "breakbeat", "break", "808", "909", "djembe", "triangle", "woodblock", "agogo", "guiro",
                "clave", "claves", "tabla", "darbuka", "surdo", "pandeiro", "toms1", "timpani", "chimes", "bells",
                "tubular", "metals", "skins", "woods", "gong", "tamtam");
        w(Group.BASS, 1.0, "bass", "bs", "bas", "bajo", "basse", "bassi", "basso", "baixo", "sub", "subbass", "808bass",
                "contrabass", "upright", "ebass", "e-bass", "synthbass", "sb", "moog", "kontrabass", "reese");
        w(Group.VOCALS, 1.0, "vox", "vocal", "vocals", "voc", "vcl", "vo", "lead", "ld", "lv", "leadvox", "singer", "sing",
                "gesang", "voix", "voz", "voce", "stimme", "chant", "rap", "verse", "hook", "dialog", "dialogue", "speech",
                "narration", "vo1", "mainvox", "talkbox", "speaker", "speakers", "dx", "vocoder", "interview", "host", "guest", "adlib", "adlibs", "topline");
        w(Group.BACKINGS, 1.0, "bv", "bvs", "bgv", "bgvs", "bkg", "bkgd", "backing", "backings", "backs", "bgs", "choir",
                "chor", "choeur", "chœur", "coro", "chorus", "harmony", "harmonies", "harm", "harms", "double", "dbl", "dbls",
                "oohs", "ooh", "aahs", "aah", "gang", "chorale", "coristas", "cori", "backvox", "bvox", "backingvox",
                "soprano", "alto", "tenor", "baritone", "voices", "choirs",
                "background", "stack", "stacks");
        w(Group.GUITARS, 1.0, "gtr", "gtrs", "guit", "guitar", "guitars", "gitarre", "guitare", "guitarra", "chitarra",
                "gitaar", "eg", "ag", "acoustic", "acou", "elec", "electric", "strat", "tele", "lespaul", "dist", "crunch",
                "clean", "riff", "rhythm", "rhy", "rhythmgtr", "solo", "lick", "slide", "banjo", "mandolin", "mando", "ukulele",
                "uke", "sitar", "dobro", "pedalsteel", "steel", "12string", "nylon", "amp", "di_gtr", "chug", "chugs",
                "powerchord", "ukelele");
        w(Group.KEYS, 1.0, "keys", "key", "kb", "kbd", "keyboard", "keyboards", "piano", "pno", "pf", "grand", "upright_piano",
                "rhodes", "wurli", "wurlitzer", "ep", "epiano", "organ", "org", "hammond", "b3", "leslie", "orgel", "orgue",
                "organo", "clav", "clavinet", "synth", "synths", "syn", "pad", "pads", "arp", "arps", "pluck", "plucks",
                "mellotron", "harpsichord", "celesta", "vibes", "vibraphone", "marimba", "xylophone", "accordion",
                "akkordeon", "klavier", "teclado", "teclados", "tastiera", "pianoforte", "keyz", "juno", "prophet", "lead_synth",
                "glockenspiel", "chord", "chords", "harmonium", "celeste", "sqr", "square", "saw", "supersaw", "carrier",
                "stab", "stabs", "drone", "drones");
        w(Group.STRINGS, 1.0, "str", "strs", "string", "strings", "violin", "violins", "vln", "vl", "vn", "viola", "vla",
                "va", "cello", "celli", "vc", "vcl_cello", "cb", "ensemble", "ens", "section", "sect", "streicher",
                "cordes", "cuerdas", "archi", "violino", "violon", "violoncelle", "violonchelo", "geige", "fiddle",
                "orchestra", "orch", "pizz", "pizzicato", "spiccato", "legato", "tremolo", "quartet", "harp", "harps",
                "harpe", "arpa");
        w(Group.BRASS, 1.0, "brass", "horn", "horns", "tpt", "trp", "trumpet", "trumpets", "tbn", "trb", "trombone",
                "trombones", "sax", "saxophone", "bari", "flute", "flutes", "fl", "flt", "clarinet",
                "clar", "cl", "oboe", "ob", "bassoon", "bsn", "tuba", "euphonium", "flugel", "flugelhorn", "cornet", "piccolo",
                "woodwind", "woodwinds", "ww", "winds", "reeds", "blaeser", "bläser", "blaser", "cuivres", "vientos",
                "metales", "trompete", "posaune", "trompette", "tromba", "trompeta", "saxo", "frenchhorn", "fhn", "hn",
                "harmonica", "recorder", "whistle");
        w(Group.FX, 1.0, "fx", "sfx", "efx", "riser", "risers", "impact", "impacts", "sweep", "sweeps", "whoosh", "swoosh",
                "noise", "uplifter", "downlifter", "drop", "reverse", "rev", "verb", "reverb", "delay", "dly", "echo",
                "atmos", "atmosphere", "ambience", "ambient", "texture", "textures", "foley", "hit", "hits", "boom",
                "transition", "fill", "vinyl", "crackle", "tape", "stutter", "glitch", "efecto", "effekt", "effet", "return",
                "send", "aux", "spring", "plate", "hall", "ir", "effects", "fxs");
        pair(Group.DRUMS, 2.0, "bass drum", "kick drum", "kick in", "kick out", "kick sub", "snare top", "snare bottom",
                "snare bot", "hi hat", "hi hats", "hi-hat", "over head", "room mic", "drum room", "grosse caisse",
                "caisse claire", "drum bus", "kick bass drum");
        pair(Group.BASS, 2.0, "kick bass", "synth bass", "bass synth", "sub bass", "bass di", "bass amp", "bass mic",
                "upright bass", "double bass", "electric bass", "bass guitar", "fretless bass", "808 bass", "bass line",
                "moog bass", "bass gtr");
        pair(Group.VOCALS, 2.0, "lead vocal", "lead vox", "main vocal", "lead voice", "voix lead", "voz principal",
                "lead singer");
        pair(Group.BACKINGS, 2.0, "backing vocal", "backing vocals", "backing vox", "bv 1", "double track", "vox double",
                "vocal double", "harmony vox", "background vocals", "chorus vox", "gang vocals", "choir vox");
        pair(Group.GUITARS, 2.0, "rhythm guitar", "lead guitar", "acoustic guitar", "electric guitar", "gtr rhy",
                "gtr lead", "gtr amp", "guitar amp", "gtr di", "guitar di");
        pair(Group.KEYS, 2.0, "synth lead", "lead synth", "synth pad", "grand piano", "electric piano", "e piano",
                "b 3", "string pad", "strings pad");
        pair(Group.STRINGS, 2.0, "string section", "str sect", "string ens", "double bass section");
        pair(Group.BRASS, 2.0, "french horn", "horn section", "alto sax", "tenor sax", "bari sax", "brass section",
                "bass trombone", "bass trombones", "bass clarinet", "alto flute", "baritone sax", "tenor trombone",
                "tenor trombones", "english horn");
        pair(Group.BACKINGS, 2.0, "bass voice", "female choir", "male choir");
        pair(Group.GUITARS, 2.0, "power chords", "power chord");
        pair(Group.FX, 2.0, "fx return", "reverb return", "delay return", "verb return", "sound fx", "sound effects");
    }

    /** Lower-case tokens: splits on separators, digit boundaries and camelCase. */
    public static List<String> tokens(String name) {
        String s = name.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("([A-Za-z])([0-9])", "$1 $2")
                .replaceAll("([0-9])([A-Za-z])", "$1 $2");
        List<String> out = new ArrayList<>();
        for (String t : s.toLowerCase(Locale.ROOT).split("[^\\p{L}0-9]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    public Guess guess(String name) {
        List<String> t = tokens(name);
        double[] score = new double[Group.values().length];
        List<String> evidence = new ArrayList<>();
        boolean[] usedByPair = new boolean[t.size()];
        for (int i = 0; i + 1 < t.size(); i++) {
            Object[] p = PAIRS.get(t.get(i) + " " + t.get(i + 1));
            if (p != null) {
                score[((Group) p[0]).ordinal()] += (double) p[1];
                usedByPair[i] = true;
                usedByPair[i + 1] = true;
                evidence.add("name: '" + t.get(i) + " " + t.get(i + 1) + "' → " + ((Group) p[0]).jsonName());
            }
        }
        // Three-token pair form for "hi-hat" written "hi hat" inside longer names is covered above.
        for (int i = 0; i < t.size(); i++) {
            if (usedByPair[i]) {
                continue;
            }
            String tok = t.get(i);
            Object[] w = WORDS.get(tok);
            if (w == null && tok.length() > 3 && tok.endsWith("s")) {
                w = WORDS.get(tok.substring(0, tok.length() - 1));
            }
            if (w == null) {
                w = compound(tok);
            }
            if (w == null) {
                continue;
            }
            Group g = (Group) w[0];
            double weight = (double) w[1];
            // Guards: ambiguous short words count less on their own.
            if (g == Group.FX && (tok.equals("reverb") || tok.equals("verb") || tok.equals("delay") || tok.equals("echo"))) {
                weight = 1.5; // a drum reverb or a vocal delay is an effects return, not the instrument
            }
            if (tok.equals("lead") || tok.equals("main") || tok.equals("solo") || tok.equals("room") || tok.equals("sub")
                    || tok.equals("hit") || tok.equals("fill") || tok.equals("drop") || tok.equals("section")) {
                weight = 0.5;
            }
            score[g.ordinal()] += weight;
            evidence.add("name: '" + tok + "' → " + g.jsonName());
        }
        int best = -1;
        double total = 0;
        for (int g = 0; g < score.length; g++) {
            total += score[g];
            if (score[g] > 0 && (best < 0 || score[g] > score[best])) {
                best = g;
            }
        }
        if (best < 0) {
            return new Guess(Group.OTHER, 0.2, List.of("name: no instrument word in '" + name + "'"));
        }
        // "lead" with a synth/guitar/sax word belongs to that instrument, not to vocals.
        double conf = Math.min(0.99, 0.55 + 0.4 * score[best] / Math.max(total, 1e-9) * Math.min(1, score[best]));
        return new Guess(Group.values()[best], conf, evidence);
    }

    /** Words glued together ("leadvox2", "kickin", "bassdi"): the longest known prefix of 3+ letters. */
    private static Object[] compound(String tok) {
        if (tok.length() < 5) {
            return null;
        }
        for (int len = tok.length() - 1; len >= 3; len--) {
            Object[] w = WORDS.get(tok.substring(0, len));
            if (w != null) {
                return w;
            }
        }
        return null;
    }
}
