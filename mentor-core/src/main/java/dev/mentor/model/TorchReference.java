package dev.mentor.model;

import dev.mentor.MentorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code state_dict} of the PyTorch reference module of each of Mentor's own architectures, and
 * how Mentor's parameters map onto it. The reference modules are those of the PyTorch throughput
 * peer, which Mentor's models follow layer for layer:
 * <ul>
 *   <li>{@code cnn-small} — {@code CnnSmall(c, n)}: one {@code nn.Sequential} {@code f}, so keys
 *       {@code f.0} (conv), {@code f.1} (BN), {@code f.4}, {@code f.5}, {@code f.10} (hidden linear),
 *       {@code f.12} (head), whatever dropout Mentor's model was trained with;
 *   <li>{@code resnet-20} — {@code ResNet20(c, n)}: {@code stem.0}/{@code stem.1}, {@code layers.I.c1},
 *       {@code b1}, {@code c2}, {@code b2}, {@code sc.0}/{@code sc.1} (projection shortcuts), {@code fc};
 *   <li>{@code wrn-D-K} — {@code WRN(c, n, depth=D, k=K)}: {@code conv}, {@code blocks.I.bn1}, {@code c1},
 *       {@code bn2}, {@code c2}, {@code sc}, then {@code bn} and {@code fc}.
 * </ul>
 * Layouts need no change: DJL keeps convolution weights as PyTorch does, {@code (out, in, kH, kW)},
 * and linear weights as {@code (out, in)}. BatchNorm's {@code gamma}/{@code beta}/{@code runningMean}/{@code
 * runningVar} are {@code weight}/{@code bias}/{@code running_mean}/{@code running_var}; its {@code
 * num_batches_tracked} buffer, which Mentor does not keep (PyTorch reads it only when {@code momentum}
 * is None, and the reference modules set a momentum), is listed with no Mentor counterpart.
 *
 * <p>Mentor's parameters are paired with the reference's entries in order (both list a module's
 * parameters in the order of its layers); each pair must agree in role (a BatchNorm mean is never
 * taken for a weight) and in size, so a model of another layout is refused instead of mis-mapped.
 * {@link #MAPPING_VERSION} names this mapping in exported files.
 */
public final class TorchReference {
    /** The version of this mapping; it changes when a key or layout does. */
    public static final int MAPPING_VERSION = 1;
    private static final Pattern WRN = Pattern.compile("wrn-([0-9]+)-([0-9]+)");

    private TorchReference() {}

    /** What a {@code state_dict} entry is, with its key's last part and the suffix of its Mentor parameter. */
    public enum Role {
        WEIGHT("weight", "weight"),
        BIAS("bias", "bias"),
        NORM_WEIGHT("weight", "gamma"),
        NORM_BIAS("bias", "beta"),
        RUNNING_MEAN("running_mean", "runningMean"),
        RUNNING_VAR("running_var", "runningVar"),
        /** BatchNorm's integer batch count; Mentor has no counterpart. */
        BATCHES_TRACKED("num_batches_tracked", null);

        private final String torchSuffix;
        private final String mentorSuffix;

        Role(String torchSuffix, String mentorSuffix) {
            this.torchSuffix = torchSuffix;
            this.mentorSuffix = mentorSuffix;
        }

        /** The end of the Mentor parameter name that holds this entry, or null when Mentor has none. */
        public String mentorSuffix() {
            return mentorSuffix;
        }
    }

    /** One {@code state_dict} entry: its key, shape and role. */
    public record Entry(String key, long[] shape, Role role) {
        public long size() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    /** An entry with the Mentor parameter that fills it ({@code mentorName} and {@code values} null for a buffer Mentor does not keep). */
    public record Mapped(Entry entry, String mentorName, float[] values) {}

    /** Whether an architecture has a reference module here (a wide ResNet up to depth 1000 and width 64). */
    public static boolean supports(String architecture) {
        if (architecture.equals("cnn-small") || architecture.equals("resnet-20")) {
            return true;
        }
        Matcher m = WRN.matcher(architecture);
        if (!m.matches() || m.group(1).length() > 4 || m.group(2).length() > 2) {
            return false;
        }
        int depth = Integer.parseInt(m.group(1));
        int k = Integer.parseInt(m.group(2));
        return depth >= 10 && depth <= 1000 && (depth - 4) % 6 == 0 && k >= 1 && k <= 64;
    }

    /** The reference module's constructor call, e.g. {@code WRN(c=1, n=10, depth=28, k=2)}. */
    public static String moduleName(ModelSpec spec) {
        String args = "c=" + spec.channels() + ", n=" + spec.classes();
        String arch = spec.architecture();
        if (arch.equals("cnn-small")) {
            return "CnnSmall(" + args + ")";
        }
        if (arch.equals("resnet-20")) {
            return "ResNet20(" + args + ")";
        }
        Matcher m = wrn(arch);
        return "WRN(" + args + ", depth=" + m.group(1) + ", k=" + m.group(2) + ")";
    }

    /** The reference module's {@code state_dict} for a spec, in its order. */
    public static List<Entry> stateDict(ModelSpec spec) {
        StateDict d = new StateDict();
        String arch = spec.architecture();
        int c = spec.channels();
        if (arch.equals("cnn-small")) {
            d.conv("f.0", 32, c, 3, true);
            d.batchNorm("f.1", 32);
            d.conv("f.4", 64, 32, 3, true);
            d.batchNorm("f.5", 64);
            d.linear("f.10", 128, 64L * (spec.height() / 2 / 2) * (spec.width() / 2 / 2));
            d.linear("f.12", spec.classes(), 128);
            return d.entries;
        }
        if (arch.equals("resnet-20")) {
            d.conv("stem.0", 16, c, 3, false);
            d.batchNorm("stem.1", 16);
            int in = 16;
            int index = 0;
            for (int out : new int[] {16, 32, 64}) {
                for (int b = 0; b < 3; b++) {
                    int stride = out != 16 && b == 0 ? 2 : 1;
                    String p = "layers." + index++;
                    d.conv(p + ".c1", out, in, 3, false);
                    d.batchNorm(p + ".b1", out);
                    d.conv(p + ".c2", out, out, 3, false);
                    d.batchNorm(p + ".b2", out);
                    if (in != out || stride != 1) {
                        d.conv(p + ".sc.0", out, in, 1, false);
                        d.batchNorm(p + ".sc.1", out);
                    }
                    in = out;
                }
            }
            d.linear("fc", spec.classes(), 64);
            return d.entries;
        }
        Matcher m = wrn(arch);
        int depth = Integer.parseInt(m.group(1));
        int k = Integer.parseInt(m.group(2));
        int[] widths = {16, 16 * k, 32 * k, 64 * k};
        int units = (depth - 4) / 6;
        d.conv("conv", 16, c, 3, false);
        int index = 0;
        for (int g = 0; g < 3; g++) {
            for (int b = 0; b < units; b++) {
                int in = b == 0 ? widths[g] : widths[g + 1];
                int out = widths[g + 1];
                int stride = b == 0 && g > 0 ? 2 : 1;
                String p = "blocks." + index++;
                d.batchNorm(p + ".bn1", in);
                d.conv(p + ".c1", out, in, 3, false);
                d.batchNorm(p + ".bn2", out);
                d.conv(p + ".c2", out, out, 3, false);
                if (in != out || stride != 1) {
                    d.conv(p + ".sc", out, in, 1, false);
                }
            }
        }
        d.batchNorm("bn", widths[3]);
        d.linear("fc", spec.classes(), widths[3]);
        return d.entries;
    }

    /**
     * Pairs a model's deployable weights (in their saved order) with the reference's {@code state_dict};
     * a model the mapping does not fit is a {@link MentorException} naming {@code source}.
     */
    public static Map<String, Mapped> map(ModelSpec spec, Map<String, float[]> weights, String source) {
        if (!supports(spec.architecture())) {
            throw new MentorException(source + ": a " + spec.architecture()
                    + " model has no PyTorch reference module to export to (cnn-small, resnet-20 and wrn-DEPTH-K have)");
        }
        String mapping = "(" + spec.architecture() + " to " + moduleName(spec) + ", mapping version " + MAPPING_VERSION + ")";
        Map<String, Mapped> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, float[]>> parameters = weights.entrySet().iterator();
        for (Entry e : stateDict(spec)) {
            if (e.role().mentorSuffix() == null) {
                out.put(e.key(), new Mapped(e, null, null));
                continue;
            }
            if (!parameters.hasNext()) {
                throw new MentorException(source + ": the model has no parameter for " + e.key() + " " + mapping);
            }
            Map.Entry<String, float[]> p = parameters.next();
            if (!p.getKey().endsWith("_" + e.role().mentorSuffix()) || p.getValue().length != e.size()) {
                throw new MentorException(source + ": parameter " + p.getKey() + " (" + p.getValue().length + " values) does not fit "
                        + e.key() + " " + Arrays.toString(e.shape()) + " " + mapping);
            }
            out.put(e.key(), new Mapped(e, p.getKey(), p.getValue()));
        }
        if (parameters.hasNext()) {
            throw new MentorException(source + ": parameter " + parameters.next().getKey() + " has no place in " + mapping);
        }
        return out;
    }

    private static Matcher wrn(String architecture) {
        Matcher m = WRN.matcher(architecture);
        if (!supports(architecture) || !m.matches()) {
            throw new IllegalArgumentException("no reference module for " + architecture);
        }
        return m;
    }

    /** Builds a {@code state_dict} the way PyTorch lists it: per module, parameters then buffers. */
    private static final class StateDict {
        final List<Entry> entries = new ArrayList<>();

        void conv(String prefix, long out, long in, int kernel, boolean bias) {
            add(prefix, Role.WEIGHT, out, in, kernel, kernel);
            if (bias) {
                add(prefix, Role.BIAS, out);
            }
        }

        void batchNorm(String prefix, long channels) {
            add(prefix, Role.NORM_WEIGHT, channels);
            add(prefix, Role.NORM_BIAS, channels);
            add(prefix, Role.RUNNING_MEAN, channels);
            add(prefix, Role.RUNNING_VAR, channels);
            add(prefix, Role.BATCHES_TRACKED);
        }

        void linear(String prefix, long out, long in) {
            add(prefix, Role.WEIGHT, out, in);
            add(prefix, Role.BIAS, out);
        }

        private void add(String prefix, Role role, long... shape) {
            entries.add(new Entry(prefix + "." + role.torchSuffix, shape, role));
        }
    }
}
