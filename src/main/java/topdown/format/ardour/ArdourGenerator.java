package topdown.format.ardour;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import topdown.format.Loss;
import topdown.model.Automation;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Insert;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Track;
import topdown.model.TrackKind;
import topdown.render.PanLaws;

/**
 * Writes a new Ardour 7 session document from the neutral model (for conversions from other formats):
 * master, group/FX buses and audio tracks with their IO connections, fader, trim, pan, mute, solo and
 * polarity; one playlist per track with its regions (position, offset, length, gain, linear fades), one
 * external Source per file channel plus whole-file regions; the session range, markers and tempo; TopDown's EQ
 * and compressor inserts as ACE plugins ({@link AcePlugins}, the same elements the DOM-patch path writes). What
 * this cannot express (envelopes, sends, automation, other plugins, non-linear fades) is reported by
 * {@link ArdourWriter#losses}.
 */
final class ArdourGenerator {
    private final StringBuilder sb = new StringBuilder();
    private long id = 100;
    private final Session s;
    private final Path mediaBase;

    ArdourGenerator(Session s, Path mediaBase) {
        this.s = s;
        this.mediaBase = mediaBase;
    }

    private String nid() {
        return Long.toString(id++);
    }

    static String esc(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private String t(long samples) {
        return ArdourTime.audio(samples, s.sampleRate());
    }

    /** Unique, port-safe route names. */
    private final Map<String, String> routeNames = new HashMap<>();

    private String routeName(String key, String wanted) {
        String base = wanted.replace('/', '-').replace(':', '-').trim();
        if (base.isEmpty()) {
            base = "Route";
        }
        String n = base;
        for (int k = 2; routeNames.containsValue(n) || n.equalsIgnoreCase("Master"); k++) {
            n = base + " " + k;
        }
        routeNames.put(key, n);
        return n;
    }

    String generate() {
        int rate = s.sampleRate();
        long end = s.lengthSamples() > 0 ? s.lengthSamples() : s.contentEndSamples();
        String masterName = "Master";
        routeNames.put("master", masterName);
        List<Track> tracks = new ArrayList<>();
        for (Track tr : s.tracks()) {
            if (tr.kind() == TrackKind.AUDIO) {
                tracks.add(tr);
                routeName("t:" + tr.id().value(), tr.name());
            }
        }
        // Ardour's route names are unique across tracks and buses: a bus named like a track becomes "<name> Bus".
        for (Bus b : s.buses()) {
            routeName("b:" + b.id().value(), busName(s, b));
        }
        // Sources and regions first (ids referenced by playlists).
        Map<String, String> sourceIds = new HashMap<>();
        StringBuilder sources = new StringBuilder();
        StringBuilder wholeRegions = new StringBuilder();
        for (Track tr : tracks) {
            for (Clip c : tr.clips()) {
                for (ClipChannel cc : c.channels()) {
                    String key = cc.source().id() + "|" + cc.source().path() + "|" + cc.channel();
                    if (sourceIds.containsKey(key)) {
                        continue;
                    }
                    String sid = nid();
                    sourceIds.put(key, sid);
                    String path = cc.source().resolved() == null ? cc.source().path()
                            : (Path.of(cc.source().resolved()).isAbsolute() ? Path.of(cc.source().resolved())
                                    : mediaBase.resolve(cc.source().resolved())).toAbsolutePath().normalize().toString();
                    sources.append("    <Source name=\"").append(esc(path)).append("\" take-id=\"\" type=\"audio\" flags=\"\" id=\"")
                            .append(sid).append("\" natural-position=\"a0\" channel=\"").append(cc.channel())
                            .append("\" origin=\"\" gain=\"1\"/>\n");
                    long len = Math.max(1, cc.source().lengthFrames() * (long) rate / Math.max(1, cc.source().sampleRate()));
                    wholeRegions.append("    ").append(region(cc.source().path(), List.of(sid), "a0", t(len), 0, 1.0, 0, 0,
                            true, false)).append('\n');
                }
            }
        }
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<Session version=\"7002\" name=\"").append(esc(s.name())).append("\" sample-rate=\"").append(rate)
                .append("\" id-counter=\"ID_COUNTER\" name-counter=\"1\" event-counter=\"0\" vca-counter=\"1\">\n");
        sb.append("  <ProgramVersion created-with=\"TopDown\" modified-with=\"TopDown\"/>\n");
        // Ardour reads the rate and the native data format before it loads anything (both are required).
        sb.append("  <Config>\n    <Option name=\"native-file-data-format\" value=\"FormatFloat\"/>\n"
                + "    <Option name=\"native-file-header-format\" value=\"WAVE\"/>\n  </Config>\n");
        sb.append("  <Metadata/>\n");
        sb.append("  <Sources>\n").append(sources).append("  </Sources>\n");
        sb.append("  <Regions>\n").append(wholeRegions).append("  </Regions>\n");
        sb.append("  <Locations>\n    <Location id=\"").append(nid()).append("\" name=\"session\" start=\"a0\" end=\"")
                .append(t(end)).append("\" flags=\"IsSessionRange\" locked=\"0\" timestamp=\"0\" cue=\"0\"/>\n");
        for (topdown.model.Marker m : s.markers()) {
            boolean range = m.endSamples() > m.positionSamples();
            sb.append("    <Location id=\"").append(nid()).append("\" name=\"").append(esc(m.name())).append("\" start=\"")
                    .append(t(m.positionSamples())).append("\" end=\"").append(t(range ? m.endSamples() : m.positionSamples()))
                    .append("\" flags=\"").append(range ? "IsRangeMarker" : "IsMark").append("\" locked=\"0\" timestamp=\"0\" cue=\"0\"/>\n");
        }
        sb.append("  </Locations>\n  <Bundles/>\n  <VCAManager/>\n  <Routes>\n");
        int order = 0;
        // Inputs each route receives (for both ends of the connections).
        Map<String, List<String>> feeders = new HashMap<>();
        for (Bus b : s.buses()) {
            feeders.computeIfAbsent(target(b.output()), k -> new ArrayList<>()).add(routeNames.get("b:" + b.id().value()));
        }
        for (Track tr : tracks) {
            if (tr.output() != null) {
                feeders.computeIfAbsent(target(tr.output()), k -> new ArrayList<>()).add(routeNames.get("t:" + tr.id().value()));
            }
        }
        route(masterName, "MasterOut,OrderSet", order++, null, s.master().channels(), 2, feeders.get(masterName),
                s.master().fader().linear(), s.master().trim().linear(), 0, false, false, s.master().polarityInverted(), null,
                true, 1, s.master().inserts(), s.master().channels());
        for (Bus b : s.buses()) {
            String n = routeNames.get("b:" + b.id().value());
            route(n, "AudioBus,OrderSet", order++, null, b.channels(), b.channels(), feeders.get(n), b.fader().linear(),
                    b.trim().linear(), b.pan().position(), b.mute(), b.solo(), b.polarityInverted(), target(b.output()), false,
                    b.channels() >= 2 ? b.pan().width() : 0, b.inserts(), b.channels());
        }
        StringBuilder playlists = new StringBuilder();
        for (Track tr : tracks) {
            String n = routeNames.get("t:" + tr.id().value());
            String pl = nid();
            double[] azTrim = ardourPan(tr);
            String rid = route(n, "AudioTrack,OrderSet", order++, pl, tr.channels(), 2, null, tr.fader().linear(),
                    tr.trim().linear() * azTrim[1], 2 * azTrim[0] - 1, tr.mute(), tr.solo(), tr.polarityInverted(),
                    tr.output() == null ? null : target(tr.output()), false, tr.channels() >= 2 ? tr.pan().width() : 0,
                    tr.inserts(), tr.channels());
            playlists.append("    <Playlist id=\"").append(pl).append("\" name=\"").append(esc(n))
                    .append("\" type=\"audio\" orig-track-id=\"").append(rid)
                    .append("\" pgroup-id=\"\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n");
            int k = 0;
            for (Clip c : tr.clips()) {
                List<String> ids = new ArrayList<>();
                for (ClipChannel cc : c.channels()) {
                    ids.add(sourceIds.get(cc.source().id() + "|" + cc.source().path() + "|" + cc.channel()));
                }
                playlists.append("      ").append(region(c.name().isEmpty() ? n + "." + (++k) : c.name(), ids,
                        t(c.positionSamples()), t(c.lengthSamples()), c.offsetSamples(), c.gain().linear()
                                * (c.polarityInverted() ? -1 : 1), c.fadeIn().lengthSamples(), c.fadeOut().lengthSamples(), false,
                        c.muted())).append('\n');
            }
            playlists.append("    </Playlist>\n");
        }
        sb.append("  </Routes>\n  <Playlists>\n").append(playlists).append("  </Playlists>\n  <UnusedPlaylists/>\n");
        // No <Click/>: an empty Click node crashes Ardour 7.3 on load (without one Ardour makes its own).
        sb.append("  <RouteGroups/>\n");
        double bpm = s.tempo().bpm();
        sb.append("  <TempoMap superclocks-per-second=\"282240000\">\n    <Tempos>\n      <Tempo npm=\"").append(bpm)
                .append("\" enpm=\"").append(bpm).append("\" note-type=\"4\" type=\"Tempo::Constant\" active=\"1\""
                        + " locked-to-meter=\"0\" continuing=\"0\" sclock=\"0\" quarters=\"0:0\" bbt=\"1|1|0\" omega=\"0\"/>\n")
                .append("    </Tempos>\n    <Meters>\n      <Meter note-value=\"4\" divisions-per-bar=\"")
                .append(s.tempo().changes().get(0).beatsPerBar()).append("\" sclock=\"0\" quarters=\"0:0\" bbt=\"1|1|0\"/>\n")
                .append("    </Meters>\n    <MusicTimes/>\n  </TempoMap>\n</Session>\n");
        return sb.toString().replace("ID_COUNTER", Long.toString(id + 1));
    }

    /**
     * Ardour's azimuth (0..1) and a trim factor that make Ardour's mono panner (-3 dB equal-power law) give
     * the same left/right gains as the session's own pan law at the track's pan; {position-as-azimuth, 1}
     * where the laws agree (stereo sources, Ardour sessions) or the pan moves (automation: a listed loss).
     */
    static double[] ardourPan(Track tr, PanLaw law) {
        double p = tr.pan().position();
        double az = (p + 1) / 2;
        if (tr.channels() != 1 || law == PanLaw.ARDOUR || hasPanAutomation(tr)) {
            return new double[] {az, 1.0};
        }
        double[] want = PanLaws.mono(law, p);
        double lo = 0;
        double hi = 1;
        // Ardour's R/L ratio rises monotonically with the azimuth: bisect for the wanted ratio.
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double[] g = PanLaws.mono(PanLaw.ARDOUR, 2 * mid - 1);
            if (g[1] * want[0] < want[1] * g[0]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double a = (lo + hi) / 2;
        double[] g = PanLaws.mono(PanLaw.ARDOUR, 2 * a - 1);
        double k = g[0] >= g[1] ? want[0] / g[0] : want[1] / g[1];
        return new double[] {a, k};
    }

    private double[] ardourPan(Track tr) {
        return ardourPan(tr, s.panLaw());
    }

    static boolean hasPanAutomation(Track tr) {
        Automation a = tr.automation(Automation.Parameter.PAN);
        return a != null && a.active() && !a.isEmpty();
    }

    /** What a generated Ardour session cannot hold of {@code s} (the loss report of a conversion). */
    static List<Loss> losses(Session s) {
        List<Loss> out = new ArrayList<>();
        out.addAll(Loss.extraOutputs(s, "a generated Ardour session"));
        for (Track t : s.tracks()) {
            if (t.kind() != TrackKind.AUDIO) {
                out.add(Loss.of(t.kind() == TrackKind.MIDI ? "midi" : "other", t.name(), t.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " track with " + t.clips().size() + " clip(s) is not written (only audio tracks are generated)"));
                continue;
            }
            for (Clip c : t.clips()) {
                if (c.gainEnvelope() != null && !c.gainEnvelope().isEmpty()) {
                    out.add(new Loss("clip-gain-envelope", t.name(), c.positionSamples() / (double) s.sampleRate(),
                            (c.positionSamples() + c.lengthSamples()) / (double) s.sampleRate(), "clip '" + c.name()
                            + "': gain envelope of " + c.gainEnvelope().points().size() + " points not written"));
                }
                for (Fade f : List.of(c.fadeIn(), c.fadeOut())) {
                    if (f.lengthSamples() > 0 && f.shape() != FadeShape.LINEAR) {
                        out.add(new Loss("fade-shape", t.name(), c.positionSamples() / (double) s.sampleRate(), Double.NaN,
                                "clip '" + c.name() + "': " + f.shape() + " fade written as a linear fade"));
                    }
                }
            }
            automationLosses(out, t.name(), t.automation());
            for (Send sd : t.sends()) {
                out.add(Loss.of("send", t.name(), "send to " + sd.to().value() + " at " + sd.gain() + " not written"));
            }
            pluginLosses(out, t.name(), t.inserts(), t.channels());
            if (t.channels() == 1 && s.panLaw() != PanLaw.ARDOUR) {
                if (hasPanAutomation(t)) {
                    out.add(Loss.of("pan-law", t.name(), s.panLaw() + " pan automation played through Ardour's -3 dB mono"
                            + " panner: levels off centre differ"));
                } else {
                    double[] at = ardourPan(t, s.panLaw());
                    if (Math.abs(at[1] - 1) > 1e-12 || Math.abs(2 * at[0] - 1 - t.pan().position()) > 1e-12) {
                        out.add(Loss.of("pan-law", t.name(), String.format(java.util.Locale.ROOT,
                                "%s pan %.3f re-expressed for Ardour's -3 dB mono panner as azimuth %.6f with trim %+.4f dB"
                                        + " (same left/right gains)", s.panLaw(), t.pan().position(), at[0],
                                20 * Math.log10(at[1]))));
                    }
                }
            } else if (t.channels() == 2 && t.pan().position() != 0 && s.panLaw() != PanLaw.ARDOUR) {
                out.add(Loss.of("pan-law", t.name(), "stereo balance " + t.pan().position()
                        + " played by Ardour's equal-power stereo panner"));
            }
        }
        for (Bus b : s.buses()) {
            if (!busName(s, b).equals(b.name())) {
                out.add(Loss.of("other", b.name(), "bus renamed '" + busName(s, b) + "': Ardour needs route names"
                        + " unique across tracks and buses"));
            }
            automationLosses(out, b.name(), b.automation());
            for (Send sd : b.sends()) {
                out.add(Loss.of("send", b.name(), "send to " + sd.to().value() + " not written"));
            }
            pluginLosses(out, b.name(), b.inserts(), b.channels());
        }
        automationLosses(out, s.master().name(), s.master().automation());
        pluginLosses(out, s.master().name(), s.master().inserts(), s.master().channels());
        if (s.tempo().changes().size() > 1) {
            out.add(Loss.of("tempo", "", (s.tempo().changes().size() - 1) + " tempo/meter change(s) after the first not written"));
        }
        return out;
    }

    /** Inserts a generated session does not hold: all but TopDown processors written as ACE plugins. */
    private static void pluginLosses(List<Loss> out, String where, List<Insert> inserts, int channels) {
        for (Insert i : inserts) {
            if (i.bypassed() || i.topdownProcessor() == null || !AcePlugins.writable(i, channels)) {
                out.add(Loss.of("plugin", where, "insert '" + i.name() + "' " + (i.topdownProcessor() == null ? ""
                        : i.parameters() + " ") + "not written" + (i.topdownProcessor() == null ? ""
                        : " (no Ardour ACE equivalent)")));
            }
        }
    }

    private static void automationLosses(List<Loss> out, String where, List<Automation> lanes) {
        for (Automation a : lanes) {
            if (a.active() && !a.isEmpty()) {
                out.add(Loss.of("automation", where, a.parameter() + " automation of " + a.points().size()
                        + " points not written"));
            }
        }
    }

    static String busName(Session s, Bus b) {
        boolean clash = s.tracks().stream().anyMatch(t -> t.name().trim().equalsIgnoreCase(b.name().trim()));
        return clash ? b.name().trim() + " Bus" : b.name();
    }

    private String target(BusId out) {
        if (out == null || out.isMaster()) {
            return "Master";
        }
        return routeNames.get("b:" + out.value());
    }

    private String ctl(String name, String flags, double value, String extra) {
        return "<Controllable name=\"" + name + "\" id=\"" + nid() + "\" flags=\"" + flags + "\" value=\"" + value + "\""
                + (extra == null ? "" : " " + extra) + "/>";
    }

    /** Appends a route; returns its id. */
    private String route(String name, String flags, int order, String playlist, int ins, int outs, List<String> feeders,
                         double gain, double trim, double pan, boolean mute, boolean solo, boolean polarity, String output,
                         boolean master, double width, List<Insert> inserts, int channels) {
        String rid = nid();
        String n = esc(name);
        sb.append("    <Route version=\"7002\" id=\"").append(rid).append("\" name=\"").append(n)
                .append("\" default-type=\"audio\" strict-io=\"1\" active=\"1\" denormal-protection=\"0\" meter-point=\"")
                .append(master ? "MeterOutput" : "MeterPostFader").append("\" disk-io-point=\"DiskIOPreFader\" meter-type=\"MeterPeak\"");
        if (playlist != null) {
            sb.append(" audio-playlist=\"").append(playlist).append("\" saved-meter-point=\"MeterPostFader\""
                    + " alignment-choice=\"Automatic\" mode=\"Normal\"");
        }
        sb.append(">\n");
        sb.append("      <PresentationInfo order=\"").append(order).append("\" flags=\"").append(flags).append("\" color=\"0\"/>\n");
        sb.append("      ").append(ctl("solo", "Toggle,RealTime", solo ? 1 : 0, "self-solo=\"" + (solo ? 1 : 0)
                + "\" soloed-by-upstream=\"0\" soloed-by-downstream=\"0\"")).append('\n');
        sb.append("      ").append(ctl("solo-iso", "Toggle,RealTime", 0, "solo-isolated=\"0\"")).append('\n');
        sb.append("      ").append(ctl("solo-safe", "Toggle", 0, "solo-safe=\"0\"")).append('\n');
        sb.append("      <IO name=\"").append(n).append("\" id=\"").append(nid()).append("\" direction=\"Input\" default-type=\"audio\">\n");
        for (int i = 1; i <= Math.max(1, ins); i++) {
            sb.append("        <Port type=\"audio\" name=\"").append(n).append("/audio_in ").append(i).append("\">\n");
            if (feeders != null) {
                for (String f : feeders) {
                    sb.append("          <Connection other=\"").append(esc(f)).append("/audio_out ").append(i).append("\"/>\n");
                }
            }
            sb.append("        </Port>\n");
        }
        sb.append("      </IO>\n");
        sb.append("      <IO name=\"").append(n).append("\" id=\"").append(nid()).append("\" direction=\"Output\" default-type=\"audio\">\n");
        for (int i = 1; i <= outs; i++) {
            sb.append("        <Port type=\"audio\" name=\"").append(n).append("/audio_out ").append(i).append("\">\n");
            String to = master ? "system:playback_" + i : output == null ? null : esc(output) + "/audio_in " + i;
            if (to != null) {
                sb.append("          <Connection other=\"").append(to).append("\"/>\n");
            }
            sb.append("        </Port>\n");
        }
        sb.append("      </IO>\n");
        sb.append("      <MuteMaster mute-point=\"PostFader,Listen,Main\" muted=\"").append(mute ? 1 : 0).append("\"/>\n");
        sb.append("      ").append(ctl("mute", "Toggle,RealTime", mute ? 1 : 0, null)).append('\n');
        String bits = polarity ? "1".repeat(Math.max(1, ins)) : "0".repeat(Math.max(1, ins));
        sb.append("      ").append(ctl("phase", "Toggle", polarity ? 1 : 0, "phase-invert=\"" + bits + "\"")).append('\n');
        sb.append("      <Pannable>\n        ").append(ctl("pan-azimuth", "", (pan + 1) / 2, null)).append("\n        ")
                .append(ctl("pan-width", "", width, null)).append("\n        ").append(ctl("pan-elevation", "", 0, null))
                .append("\n        ").append(ctl("pan-frontback", "", 0, null)).append("\n        ")
                .append(ctl("pan-lfe", "", 0, null)).append("\n      </Pannable>\n");
        String common = "\" active=\"1\" user-latency=\"0\" use-user-latency=\"0\" type=\"";
        if (playlist != null) {
            sb.append("      <Processor id=\"").append(nid()).append("\" name=\"recorder:").append(n).append(common)
                    .append("diskwriter\" record-safe=\"0\"/>\n");
            sb.append("      <Processor id=\"").append(nid()).append("\" name=\"player:").append(n).append(common)
                    .append("diskreader\"/>\n");
        }
        sb.append("      <Processor id=\"").append(nid()).append("\" name=\"Polarity").append(common).append("polarity\"/>\n");
        sb.append("      <Processor id=\"").append(nid()).append("\" name=\"Amp").append(common).append("trim\">\n        ")
                .append(ctl("trimcontrol", "GainLike", trim, null)).append("\n      </Processor>\n");
        // TopDown's processors that Ardour runs natively: ACE plugins before the fader, as the DOM-patch path writes them.
        for (Insert i : inserts) {
            String xml = i.topdownProcessor() == null || i.bypassed() ? null : AcePlugins.toXml(i, channels, s.sampleRate(), nid(), "      ");
            if (xml != null) {
                sb.append(xml);
            }
        }
        sb.append("      <Processor id=\"").append(nid()).append("\" name=\"Amp").append(common).append("amp\">\n        ")
                .append(ctl("gaincontrol", "GainLike", gain, null)).append("\n      </Processor>\n");
        sb.append("      <Processor id=\"").append(nid()).append("\" name=\"meter-").append(n).append(common).append("meter\"/>\n");
        sb.append("      <Processor id=\"").append(nid()).append("\" name=\"").append(n)
                .append("\" active=\"1\" user-latency=\"0\" use-user-latency=\"0\" own-input=\"1\" own-output=\"0\" output=\"")
                .append(n).append("\" type=\"main-outs\" role=\"Main\">\n")
                .append("        <PannerShell bypassed=\"0\" user-panner=\"\" linked-to-route=\"1\"/>\n      </Processor>\n");
        sb.append("      <Slavable/>\n    </Route>\n");
        return rid;
    }

    private String region(String name, List<String> srcIds, String pos, String len, long offset, double gain, long fadeIn,
                          long fadeOut, boolean wholeFile, boolean muted) {
        StringBuilder r = new StringBuilder("<Region name=\"").append(esc(name)).append("\" muted=\"").append(muted ? 1 : 0)
                .append("\" opaque=\"1\" locked=\"0\" whole-file=\"").append(wholeFile ? 1 : 0).append("\" start=\"")
                .append(t(offset)).append("\" length=\"").append(len).append('@').append(pos)
                .append("\" sync-position=\"a0\" layering-index=\"0\" envelope-active=\"0\" default-fade-in=\"0\""
                        + " default-fade-out=\"0\" fade-in-active=\"").append(fadeIn > 0 ? 1 : 0).append("\" fade-out-active=\"")
                .append(fadeOut > 0 ? 1 : 0).append("\" scale-amplitude=\"").append(gain).append("\" id=\"").append(nid())
                .append("\" type=\"audio\"");
        for (int i = 0; i < srcIds.size(); i++) {
            r.append(" source-").append(i).append("=\"").append(srcIds.get(i)).append("\" master-source-").append(i)
                    .append("=\"").append(srcIds.get(i)).append('"');
        }
        r.append(" channels=\"").append(srcIds.size()).append("\"");
        if (wholeFile || fadeIn <= 0 && fadeOut <= 0) {
            return r.append("/>").toString();
        }
        r.append(">");
        if (fadeIn > 0) {
            r.append("<FadeIn><AutomationList automation-id=\"fadein\" id=\"").append(nid())
                    .append("\" interpolation-style=\"Curved\" time-domain=\"AudioTime\" state=\"Off\"><events>a0 1.0000000116860974e-07\n")
                    .append(t(fadeIn)).append(" 1\n</events></AutomationList></FadeIn>");
        }
        if (fadeOut > 0) {
            r.append("<FadeOut><AutomationList automation-id=\"fadeout\" id=\"").append(nid())
                    .append("\" interpolation-style=\"Curved\" time-domain=\"AudioTime\" state=\"Off\"><events>a0 1\n")
                    .append(t(fadeOut)).append(" 1.0000000116860974e-07\n</events></AutomationList></FadeOut>");
        }
        return r.append("</Region>").toString();
    }
}
