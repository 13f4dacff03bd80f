package topdown.audio.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens any audio file TopDown decodes, chosen by its first bytes (not its name). */
public final class AudioFiles {
    private AudioFiles() {
    }

    public static AudioSource open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "audio file not found");
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 12);
        }
        String magic = n >= 4 ? new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        switch (magic) {
            case "RIFF":
            case "RF64":
            case "BW64":
                return WavReader.open(file);
            case "FORM":
                return AiffReader.open(file);
            case "fLaC":
                return FlacSource.open(file);
            default:
                throw new AudioFormatException(file, 0, describeUndecodable(file, head, n));
        }
    }

    /** Names the codec of a file TopDown cannot decode (probing the header, with jaudiotagger when it can). */
    static String describeUndecodable(Path file, byte[] head, int n) {
        String codec = "unknown";
        if (n >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3'
                || n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            codec = "MPEG audio (mp3)";
        } else if (n >= 4 && new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("OggS")) {
            codec = "Ogg (Vorbis/Opus)";
        } else if (n >= 8 && new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ftyp")) {
            codec = "MPEG-4 audio (m4a/AAC/ALAC)";
        }
        try {
            java.util.logging.Logger.getLogger("org.jaudiotagger").setLevel(java.util.logging.Level.OFF);
            org.jaudiotagger.audio.AudioFile af = org.jaudiotagger.audio.AudioFileIO.read(file.toFile());
            org.jaudiotagger.audio.AudioHeader h = af.getAudioHeader();
            codec = h.getFormat() + " (" + h.getEncodingType() + ", " + h.getSampleRate() + " Hz)";
        } catch (Exception | LinkageError probeFailed) {
            // jaudiotagger does not know it either (or wants a known extension); keep the magic-number guess
        }
        return "cannot decode " + codec + " audio: TopDown reads WAV/RF64/BW64, AIFF/AIFC and FLAC;"
                + " convert it to WAV first";
    }
}
