package topdown.format.aaf;

import java.nio.file.Path;
import topdown.format.aaf.object.AafFile;
import topdown.format.aaf.object.AafObject;

/** Development aid: prints an AAF file's object tree with property ids and sizes. */
public final class AafDump {
    private AafDump() {
    }

    public static void main(String[] args) throws Exception {
        try (AafFile f = AafFile.open(Path.of(args[0]))) {
            dump(f.root(), 0, Integer.parseInt(args.length > 1 ? args[1] : "12"));
        }
    }

    static void dump(AafObject o, int depth, int max) throws Exception {
        String ind = "  ".repeat(depth);
        System.out.println(ind + o.className() + "  " + o.path());
        if (depth >= max) {
            return;
        }
        for (AafObject.Property p : o.properties().values()) {
            String v;
            switch (p.storedForm()) {
                case AafFile.SF_STRONG_OBJECT_REFERENCE:
                    System.out.printf("%s  %04x strong%n", ind, p.pid());
                    dump(o.ref(p.pid()), depth + 1, max);
                    continue;
                case AafFile.SF_STRONG_OBJECT_REFERENCE_VECTOR:
                case AafFile.SF_STRONG_OBJECT_REFERENCE_SET:
                    System.out.printf("%s  %04x %s%n", ind, p.pid(), p.storedForm() == 0x32 ? "vector" : "set");
                    for (AafObject c : o.refs(p.pid())) {
                        dump(c, depth + 1, max);
                    }
                    continue;
                case AafFile.SF_WEAK_OBJECT_REFERENCE:
                    v = "weak " + o.weakRefAuid(p.pid());
                    break;
                default:
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < Math.min(40, p.value().length); i++) {
                        sb.append(String.format("%02x", p.value()[i]));
                    }
                    v = String.format("form %02x len %d %s", p.storedForm(), p.value().length, sb);
                    if (p.value().length > 2 && p.value()[1] == 0 && p.value()[0] != 0) {
                        v += " '" + o.string(p.pid()) + "'";
                    }
            }
            System.out.printf("%s  %04x %s%n", ind, p.pid(), v);
        }
    }
}
