package topdown.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.topdown.SourceProbe;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Track;

/**
 * Audio a target format cannot reference where it is (embedded in an AAF or a DAWproject archive) is
 * streamed out, block by block, as 32-bit float WAV files into a media folder beside the converted
 * session, and the sources are pointed at them. Files referenced by a relative path get their absolute path, so
 * that a session written into another folder still finds them.
 */
public final class MediaExport {
    private MediaExport() {
    }

    public static Session externalise(ReadResult in, Session s, Path mediaDir) throws IOException {
        Map<String, Source> done = new HashMap<>();
        List<Track> tracks = new ArrayList<>();
        boolean changed = false;
        for (Track t : s.tracks()) {
            List<Clip> clips = new ArrayList<>();
            for (Clip c : t.clips()) {
                List<ClipChannel> ch = new ArrayList<>();
                for (ClipChannel cc : c.channels()) {
                    Source src = cc.source();
                    if (src.embedded() && src.found()) {
                        String key = src.id() + "|" + src.resolved();
                        Source ext = done.get(key);
                        if (ext == null) {
                            Path f = mediaDir.resolve(safe(src.path()) + "-" + src.id() + ".wav");
                            try (AudioSource a = in.media().open(src);
                                 WavWriter w = new WavWriter(f, a.channels(), a.sampleRate(), WavWriter.Encoding.FLOAT32, 0,
                                         "TopDown: embedded audio from " + in.file().getFileName())) {
                                float[][] buf = new float[a.channels()][16384];
                                int r;
                                while ((r = a.read(buf, 0, buf[0].length)) > 0) {
                                    w.write(buf, 0, r);
                                }
                            }
                            ext = SourceProbe.probe(src.id(), f.toString(), f, null);
                            done.put(key, ext);
                        }
                        ch.add(new ClipChannel(ext, cc.channel()));
                        changed = true;
                    } else if (src.found() && src.resolved() != null && !Path.of(src.resolved()).isAbsolute()) {
                        // A file the target will reference from another folder: make its path absolute.
                        Source abs = new Source(src.id(), src.path(), in.folder().resolve(src.resolved()).toAbsolutePath()
                                .normalize().toString(), src.channels(), src.sampleRate(), src.lengthFrames(), src.format(),
                                true, false);
                        ch.add(new ClipChannel(abs, cc.channel()));
                        changed = true;
                    } else {
                        ch.add(cc);
                    }
                }
                clips.add(new Clip(c.name(), ch, c.positionSamples(), c.offsetSamples(), c.lengthSamples(), c.gain(),
                        c.gainEnvelope(), c.fadeIn(), c.fadeOut(), c.muted(), c.polarityInverted(), c.carry()));
            }
            tracks.add(t.withClips(clips));
        }
        return changed ? s.withTracks(tracks) : s;
    }

    private static String safe(String s) {
        String n = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.length() > 60 ? n.substring(0, 60) : n;
    }
}
