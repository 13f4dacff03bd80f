package topdown.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin or built-in processor in a track's or bus's chain. {@code pluginId} is the format's
 * identifier (LV2 URI, VST name, DAWproject device id); {@code parameters} are by the plugin's own
 * labels; {@code nativePayload} keeps opaque state (base64 chunk, XML) for round trips;
 * {@code topdownProcessor} names TopDown's own processor when this insert is one it can run itself.
 */
public record Insert(String name, InsertKind kind, boolean bypassed, boolean preFader, String pluginId,
                     Map<String, Double> parameters, String nativePayload, String topdownProcessor,
                     Carry carry) {
    public Insert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        pluginId = pluginId == null ? "" : pluginId;
        carry = carry == null ? Carry.NONE : carry;
    }

    public static Insert of(String name, String pluginId, Map<String, Double> params) {
        return new Insert(name, InsertKind.guess(name), false, true, pluginId, params, null, null, Carry.NONE);
    }
}
