package topdown.format.aaf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import topdown.audio.io.AtomicFiles;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.format.MissingMediaException;
import topdown.format.aaf.cfb.StreamReader;
import topdown.format.aaf.object.AafFile;
import topdown.format.aaf.object.AafObject;
import topdown.model.Source;

/**
 * Opens audio embedded in an AAF (EssenceData streams). The essence is streamed out of the compound
 * file in 64 KiB blocks into a cache file under the system temp folder (never beside the AAF), once per
 * process; WAVE and AIFC essence is a complete file already, raw PCM essence gets a WAV header.
 */
final class EmbeddedEssenceResolver {
    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();
    private final Path aafPath;
    private final Map<String, AafReader.EmbeddedEssence> essences;

    EmbeddedEssenceResolver(Path aafPath, Map<String, AafReader.EmbeddedEssence> essences) {
        this.aafPath = aafPath;
        this.essences = Map.copyOf(essences);
    }

    AudioSource open(Source src) throws IOException {
        AafReader.EmbeddedEssence e = essences.get(src.resolved());
        if (e == null) {
            throw new MissingMediaException(aafPath.getFileName().toString(), java.util.List.of(src.path()));
        }
        String key = aafPath.toAbsolutePath() + "|" + Files.getLastModifiedTime(aafPath) + "|" + src.resolved();
        Path extracted = CACHE.get(key);
        if (extracted == null || !Files.exists(extracted)) {
            extracted = extract(e, key);
            CACHE.put(key, extracted);
        }
        return AudioFiles.open(extracted);
    }

    private Path extract(AafReader.EmbeddedEssence e, String key) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "topdown-aaf-essence");
        Files.createDirectories(dir);
        String ext = e.kind().equals("aifc") ? ".aif" : ".wav";
        Path target = dir.resolve(Integer.toHexString(key.hashCode()) + "-" + Math.abs((long) key.length()) + ext);
        try (AafFile aaf = AafFile.open(aafPath)) {
            AafObject ed = findAgain(aaf, e.essenceData().path());
            try (StreamReader r = aaf.openDataStream(ed, AafIds.ESSENCE_DATA_DATA)) {
                if (r == null) {
                    throw new IOException(aafPath.getFileName() + ": " + e.essenceData().path() + ": no essence stream");
                }
                AtomicFiles.write(target, out -> {
                    if (e.kind().equals("pcm")) {
                        writeWavHeader(out, e, r.size());
                    }
                    copy(r.inputStream(0), out);
                });
            }
        }
        target.toFile().deleteOnExit();
        return target;
    }

    /** Re-opens the EssenceData object by its path (the reader's file handle is closed after reading). */
    private static AafObject findAgain(AafFile aaf, String path) throws IOException {
        AafObject o = aaf.header();
        AafObject content = o.ref(AafIds.HEADER_CONTENT);
        for (AafObject ed : content.refs(AafIds.CONTENT_ESSENCE_DATA)) {
            if (ed.path().equals(path)) {
                return ed;
            }
        }
        throw new IOException(aaf.path().getFileName() + ": essence " + path + " disappeared");
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
    }

    private static void writeWavHeader(OutputStream out, AafReader.EmbeddedEssence e, long dataBytes) throws IOException {
        int bits = e.bits() > 0 ? e.bits() : 16;
        int align = e.channels() * bits / 8;
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IOException("embedded PCM essence over 4 GiB is not supported");
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) e.channels()).putInt(e.rate()).putInt(e.rate() * align).putShort((short) align)
                .putShort((short) bits).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt((int) dataBytes);
        out.write(h.array());
    }
}
