package topdown.mix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision of the top-down run: the stage (master, group, track), what it acted on, the actions
 * with the measurement that drove each, and metrics before and after (compared at equal loudness).
 */
public record MixStep(String stage, String target, List<String> actions, Map<String, Double> before,
                      Map<String, Double> after) {
    public MixStep {
        actions = List.copyOf(actions);
        before = new LinkedHashMap<>(before);
        after = new LinkedHashMap<>(after);
    }
}
