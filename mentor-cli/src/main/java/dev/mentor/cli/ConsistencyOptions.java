package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.MethodDescriptor;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The unlabeled-batch options of the consistency commands ({@code train fixmatch}, {@code train uda}
 * and the UDA teacher of {@code train mpl}). Only the threshold's default differs between them: FixMatch
 * keeps a hard pseudo-label from 0.95, UDA a sharpened target from 0.8.
 */
final class ConsistencyOptions {
    @Option(names = "--unlabeled-ratio", defaultValue = "7", description = "μ, unlabeled images per labeled image in a step (default: ${DEFAULT-VALUE})")
    int unlabeledRatio;

    @Option(names = "--lambda-u", defaultValue = "1.0", description = "λ_u, weight of the consistency loss (in mpl: of the teacher's UDA loss) (default: ${DEFAULT-VALUE})")
    double lambdaU;

    @Option(names = "--threshold", description = "τ, the confidence a weak-view prediction needs to become a target "
            + "(default: 0.95 for fixmatch; 0.8 for uda and mpl, of the unsharpened prediction)")
    Double threshold;

    @Option(names = "--distribution-alignment", description = "Align the weak-view predictions to the labeled classes' "
            + "distribution before they become targets (ReMixMatch's distribution alignment; fixmatch and uda)")
    boolean distributionAlignment;

    @Option(names = "--no-flip", description = "Views without horizontal flips (for classes that are not mirror-symmetric)")
    boolean noFlip;

    @Option(names = "--strong-augment", paramLabel = "SPEC", description = "The strong view's policy, in --augment's spelling "
            + "(default: strong, i.e. flip + crop, RandAugment(2, 10), Cutout of half the shorter side; strong:flip=false with "
            + "--no-flip, which refuses a SPEC that flips). strong:cutout=0..0.5 draws Cutout's side per image, as FixMatch's "
            + "paper and USB do")
    String strongAugment;

    /** UDA's sharpening and ramp, which FixMatch has not. */
    static final class Uda {
        @Option(names = "--temperature", defaultValue = "0.4", description = "T, sharpening temperature of the targets (default: ${DEFAULT-VALUE})")
        double temperature;

        @Option(names = "--uda-steps", defaultValue = "0", description = "Steps over which λ_u ramps up linearly; 0 for none (default: ${DEFAULT-VALUE})")
        long udaSteps;
    }

    /** The options of a command with UDA targets: these and {@link Uda}'s. */
    static final class WithUda {
        @Mixin
        ConsistencyOptions consistency;

        @Mixin
        Uda uda;

        ConsistencyConfig toConfig() {
            return new ConsistencyConfig(consistency.unlabeledRatio, consistency.lambdaU,
                    consistency.threshold != null ? consistency.threshold : 0.8, uda.temperature, uda.udaSteps, !consistency.noFlip,
                    consistency.distributionAlignment).withStrongAugment(consistency.strongAugment);
        }
    }

    /** Refuses --distribution-alignment in a command that has no use for it. */
    void refuseAlignment(String method) {
        if (distributionAlignment) {
            throw new MentorException("--distribution-alignment: only fixmatch and uda align their targets, not " + method);
        }
    }

    /** FixMatch's options for a method that does not align its targets: refuses --distribution-alignment. */
    ConsistencyConfig unaligned(MethodDescriptor<?> method) {
        refuseAlignment(method.name());
        return fixMatch();
    }

    ConsistencyConfig fixMatch() {
        return ConsistencyConfig.fixMatch(unlabeledRatio, lambdaU, threshold != null ? threshold : 0.95, !noFlip)
                .withDistributionAlignment(distributionAlignment).withStrongAugment(strongAugment);
    }
}
