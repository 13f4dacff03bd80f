package topdown.mix;

import java.nio.file.Path;
import java.util.List;
import topdown.analysis.DeliveryPreset;

/**
 * What the engineer asks of a top-down mix: references (with weights), the delivery target, how far
 * to move toward the reference ({@code blend} 0..1), which kinds of moves are allowed, and whether to
 * only report the plan ({@code dryRun}).
 */
public record MixOptions(List<Path> references, List<Double> weights, DeliveryPreset target, double blend, boolean eq,
                         boolean dynamics, boolean width, boolean dryRun) {
    public MixOptions {
        references = List.copyOf(references);
        weights = List.copyOf(weights);
        if (blend < 0 || blend > 1) {
            throw new IllegalArgumentException("usage: --blend must be between 0 and 1");
        }
        if (target == null) {
            throw new IllegalArgumentException("usage: a delivery target is required");
        }
    }
}
