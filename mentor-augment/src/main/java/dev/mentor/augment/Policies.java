package dev.mentor.augment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds an augmentation from its command-line spelling, {@code NAME[:KEY=VALUE,...]}:
 *
 * <pre>
 *   none                                       no augmentation
 *   weak                                       random flip and a 12.5% reflect-padded crop
 *   crop                                       the crop alone
 *   flip                                       the flip alone
 *   randaugment[:n=2,m=9,mstd=0,p=1]           {@link RandAugment}: n ops at magnitude bin m of 31,
 *                                              level noise mstd (inf: uniform), op probability p
 *   trivial                                    {@link TrivialAugmentWide}
 *   strong[:n=2,m=10,mstd=0,p=1,cutout=0.5,flip=true]
 *                                              {@link StrongAugment}: weak, RandAugment, Cutout
 *                                              (side = cutout × shorter side, grey; cutout=0..0.5
 *                                              draws the fraction per image, as FixMatch's paper)
 * </pre>
 *
 * Keys may come in any order; omitted keys take the defaults shown. Policies join with {@code +} and
 * apply left to right, e.g. {@code weak+randaugment:n=2,m=9} (the RandAugment paper's setting: the
 * standard flip and crop, then RandAugment).
 */
public final class Policies {
    public static final List<String> NAMES = List.of("none", "weak", "crop", "flip", "randaugment", "trivial", "strong");

    private static final Set<String> RAND_AUGMENT_KEYS = Set.of("n", "m", "mstd", "p");
    private static final Set<String> STRONG_KEYS = Set.of("n", "m", "mstd", "p", "cutout", "flip");

    private Policies() {}

    /**
     * @param spec the policy's spelling
     * @param width image width, which sets the crop padding
     * @throws IllegalArgumentException quoting the spec and naming the bad key or value
     */
    public static Augmentation parse(String spec, int width) {
        return AugmentPolicy.parse(spec).augmentation(width);
    }

    /** One policy's step ({@code NAME[:KEY=VALUE,...]}, no {@code +}) as written in {@code text}: its name and options, syntax checked. */
    static AugmentPolicy.Step step(String text) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> options = colon < 0 ? Map.of() : options(text, text.substring(colon + 1));
        return new AugmentPolicy.Step(text, name, options);
    }

    /** The augmentation of one {@code step} for images {@code width} pixels wide; a bad name, key or value quotes the step's text. */
    static Augmentation build(AugmentPolicy.Step step, int width) {
        String text = step.text();
        Map<String, String> options = step.options();
        try {
            return switch (step.name()) {
                case "none" -> noOptions(text, options, Augmentation.NONE);
                case "weak" -> noOptions(text, options, WeakAugment.standard(width, true));
                case "crop" -> noOptions(text, options, WeakAugment.standard(width, false));
                case "flip" -> noOptions(text, options, new WeakAugment(true, 0, false));
                case "trivial" -> noOptions(text, options, new TrivialAugmentWide());
                case "randaugment" -> randAugment(text, options, RAND_AUGMENT_KEYS, 9);
                case "strong" -> new StrongAugment(
                        WeakAugment.standard(width, bool(text, options, "flip", true)),
                        randAugment(text, options, STRONG_KEYS, 10),
                        cutout(text, options));
                default -> throw new IllegalArgumentException("unknown augmentation '" + text + "' (expected one of "
                        + String.join(", ", NAMES) + ")");
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("'" + text + "'") || e.getMessage().startsWith("unknown augmentation")
                    ? e
                    : new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
        }
    }

    /** Whether the step (already checked by {@link #build}) may mirror an image. */
    static boolean flips(AugmentPolicy.Step step) {
        return switch (step.name()) {
            case "weak", "flip" -> true;
            case "strong" -> bool(step.text(), step.options(), "flip", true);
            default -> false;
        };
    }

    private static RandAugment randAugment(String text, Map<String, String> options, Set<String> keys, int defaultMagnitude) {
        for (String key : options.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("'" + text + "': unknown key '" + key + "' (expected "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
        return new RandAugment(integer(text, options, "n", 2), integer(text, options, "m", defaultMagnitude),
                number(text, options, "mstd", 0.0), number(text, options, "p", 1.0));
    }

    /** The strong policy's Cutout: {@code cutout=V} a fixed fraction, {@code cutout=LOW..HIGH} one drawn per image. */
    private static Cutout cutout(String text, Map<String, String> options) {
        String value = options.getOrDefault("cutout", "0.5");
        int dots = value.indexOf("..");
        if (dots < 0) {
            return new Cutout(number(text, options, "cutout", 0.5), ImageOp.CUTOUT_FILL);
        }
        String rangeError = "'" + text + "': cutout must be a fraction or a range LOW..HIGH of fractions in [0, 1], low first, got '"
                + value + "'";
        String low = value.substring(0, dots).strip();
        String high = value.substring(dots + 2).strip();
        if (low.isEmpty() || high.isEmpty() || high.startsWith(".") || high.contains("..")) {
            throw new IllegalArgumentException(rangeError);
        }
        double lowValue = number(text, Map.of("cutout", low), "cutout", 0);
        double highValue = number(text, Map.of("cutout", high), "cutout", 0);
        try {
            return new Cutout(lowValue, highValue, ImageOp.CUTOUT_FILL);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rangeError, e);
        }
    }

    private static Augmentation noOptions(String text, Map<String, String> options, Augmentation augmentation) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': takes no options, got '" + options.keySet().iterator().next() + "'");
        }
        return augmentation;
    }

    private static Map<String, String> options(String text, String list) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : list.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + text + "': expected KEY=VALUE, got '" + part.strip() + "'");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (options.put(key, part.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("'" + text + "': key '" + key + "' given twice");
            }
        }
        return options;
    }

    private static int integer(String text, Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': " + key + " must be an integer, got '" + value + "'");
        }
    }

    private static double number(String text, Map<String, String> options, String key, double fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(value);
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': " + key + " must be a number, got '" + value + "'");
        }
    }

    private static boolean bool(String text, Map<String, String> options, String key, boolean fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "': " + key + " must be true or false, got '" + value + "'");
        };
    }
}
