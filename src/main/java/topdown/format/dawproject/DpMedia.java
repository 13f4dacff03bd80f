package topdown.format.dawproject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import topdown.audio.io.AtomicFiles;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.format.MediaResolver;
import topdown.format.MissingMediaException;
import topdown.format.zip.SafeZip;
import topdown.model.Source;

/**
 * Opens a DAWproject's audio: embedded WAV entries ({@code zip:audio/x.wav}) are decoded straight from the
 * archive stream; other embedded codecs (FLAC, AIFF) are streamed once into a cache file under the system temp
 * folder (never beside the project); external files resolve against the project's folder.
 */
final class DpMedia implements MediaResolver {
    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();
    private final Path archive;
    private final MediaResolver files;

    DpMedia(Path archive) {
        this.archive = archive;
        this.files = MediaResolver.files(archive.toAbsolutePath().getParent());
    }

    @Override
    public AudioSource open(Source source) throws IOException {
        String r = source.resolved();
        if (r == null || !r.startsWith("zip:")) {
            return files.open(source);
        }
        String entry = r.substring(4);
        byte[] head;
        try (SafeZip z = SafeZip.open(archive)) {
            if (!z.has(entry)) {
                throw new MissingMediaException(archive.getFileName().toString(), java.util.List.of(source.path()));
            }
            try (InputStream in = z.open(entry)) {
                head = in.readNBytes(12);
            }
        }
        if (DpZipWavSource.isWav(head)) {
            return DpZipWavSource.open(archive, entry);
        }
        String key = archive.toAbsolutePath() + "|" + Files.getLastModifiedTime(archive) + "|" + entry;
        Path cached = CACHE.get(key);
        if (cached == null || !Files.exists(cached)) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "topdown-dawproject-media");
            Files.createDirectories(dir);
            String ext = entry.contains(".") ? entry.substring(entry.lastIndexOf('.')).replaceAll("[^A-Za-z0-9.]", "") : "";
            cached = dir.resolve(Integer.toHexString(key.hashCode()) + "-" + key.length() + ext);
            try (SafeZip z = SafeZip.open(archive); InputStream in = z.open(entry)) {
                AtomicFiles.write(cached, in::transferTo);
            }
            cached.toFile().deleteOnExit();
            CACHE.put(key, cached);
        }
        return AudioFiles.open(cached);
    }
}
