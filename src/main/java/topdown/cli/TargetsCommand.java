package topdown.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import topdown.analysis.DeliveryPreset;
import topdown.format.topdown.SessionJson;

@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Lists the delivery presets: integrated loudness and tolerance, max true peak, rate, bits, source.")
final class TargetsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode a = SessionJson.mapper().createArrayNode();
            for (DeliveryPreset p : DeliveryPreset.ALL) {
                a.addObject().put("id", p.id()).put("name", p.name()).put("integratedLufs", p.integratedLufs())
                        .put("toleranceLu", p.toleranceLu()).put("maxTruePeakDbtp", p.maxTruePeakDbtp())
                        .put("sampleRate", p.sampleRate()).put("bitDepth", p.bitDepth()).put("format", p.format())
                        .put("source", p.source());
            }
            out.println(SessionJson.mapper().writeValueAsString(a));
            return 0;
        }
        out.printf("%-13s %-32s %8s %6s %7s %7s %4s%n", "id", "name", "LUFS", "±LU", "TP dBTP", "rate", "bits");
        for (DeliveryPreset p : DeliveryPreset.ALL) {
            out.printf("%-13s %-32s %8.1f %6.1f %7.1f %7d %4d%n", p.id(), p.name(), p.integratedLufs(), p.toleranceLu(),
                    p.maxTruePeakDbtp(), p.sampleRate(), p.bitDepth());
        }
        return 0;
    }
}
