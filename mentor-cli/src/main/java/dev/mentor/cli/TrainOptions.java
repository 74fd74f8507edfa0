package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.data.DataSpec;
import dev.mentor.run.Budget;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.RunContext;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.train.LrSchedule;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code train} command shares: data, split, model, optimisation and the run folder. */
final class TrainOptions {
    @Option(names = "--data", description = "fashion-mnist, idx:DIR, folder:DIR, cifar10:DIR or cifar100:DIR (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--unlabeled", description = "Unlabeled pool folder:DIR (default: the training images left after the labeled budget)")
    String unlabeled;

    @Option(names = "--classes", split = ",", paramLabel = "C", description = "Keep only these classes (original indices), relabeled 0..k-1, e.g. 5,6,7,8,9")
    java.util.List<Integer> classes;

    @Option(names = "--image-size", description = "Resize images to this square size")
    Integer imageSize;

    @Option(names = "--test-split", description = "Fraction held out as test when a folder has no test/ (e.g. 0.2)")
    Double testSplit;

    @Option(names = "--labels", description = "Labeled budget, balanced over classes (default: all)")
    Integer labels;

    @Option(names = "--labels-per-class", description = "Labeled images per class")
    Integer labelsPerClass;

    @Option(names = "--validation-per-class", defaultValue = "100", description = "Validation images per class, carved from training data; a class with fewer than five times as many gives a fifth of its images (default: ${DEFAULT-VALUE})")
    int validationPerClass;

    @Option(names = "--model", defaultValue = "cnn-small", description = "cnn-small, resnet-20, wrn-28-2, wrn-DEPTH-K or efficientnet-b0 (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--dropout", defaultValue = "-1", description = "Dropout before the head (default: the architecture's own)")
    double dropout;

    @Option(names = "--stochastic-depth", defaultValue = "-1", description = "Stochastic-depth rate, scaled over the residual units (default: the architecture's own, 0.2 for efficientnet-b0, 0 for the others)")
    double stochasticDepth;

    @Option(names = "--epochs", description = "Passes over the labeled images (default: the budget of --steps' default)")
    Integer epochs;

    @Option(names = "--steps", description = "Optimizer steps of the whole run, whatever the number of labels (a consistency method's own "
            + "start, see --init, trains as many supervised steps before them) (default, when neither "
            + "this nor --epochs is given: 10 passes over the labeled images, at least " + DEFAULT_MIN_STEPS + " steps)")
    Long steps;

    @Option(names = "--warmup-steps", description = "Steps of linear warm-up (default: 5%% of the steps, at least 50 or a quarter of the run)")
    Long warmupSteps;

    @Option(names = "--init", paramLabel = "RUN_DIR|none", description = "Start the model from a finished run's weights (same architecture, "
            + "channels and classes) instead of a fresh initialisation: a trained baseline cuts the steps a method needs; a self-training run's folder "
            + "stands for the model it chose; a run started from another returns that model when it is better on validation. Default: "
            + "fixmatch, uda, flexmatch, freematch and mpl first train their own start, supervised with the same options, into "
            + "RUN/start; distill and noisy-student's student starts from its --teacher when that is a Mentor run of the "
            + "student's architecture and data; the other methods start fresh. none: a fresh start, as in the papers")
    String init;

    /** What the model starts from when --init is not given (a student's teacher), or null for a fresh start; set by the command. */
    Path initByDefault;

    @Option(names = "--batch-size", defaultValue = "128", description = "Labeled images per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "Peak learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--lr-schedule", defaultValue = "cosine", description = "The rate after the warm-up: cosine (a half cosine to 0 "
            + "at the last step) or fixmatch (lr·cos(7πk/16K), FixMatch's paper and USB, which end at 0.195·lr; they use no "
            + "warm-up: --warmup-steps 0). A consistency method's own start takes it too (default: ${DEFAULT-VALUE})")
    String lrSchedule;

    @Option(names = "--warmup-epochs", description = "Epochs of linear warm-up before the decay (default: see --warmup-steps)")
    Double warmupEpochs;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (Nesterov momentum) or adamw (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--no-nesterov", negatable = false, description = "Plain momentum instead of Nesterov")
    boolean noNesterov;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "Weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--decay-norm-and-bias", description = "Apply weight decay to BatchNorm parameters and biases too")
    boolean decayNormAndBias;

    @Option(names = "--ema", defaultValue = "0", description = "Decay of an exponential moving average of the weights, evaluated instead of them; 0 for none (default: ${DEFAULT-VALUE})")
    double ema;

    @Option(names = "--precision", defaultValue = "fp32", description = "Number format of the training forwards: fp32, or bf16 "
            + "(convolution and linear layers in bfloat16 from float32 weights; BatchNorm, the loss, the optimizer and evaluation "
            + "in float32): several times faster on a CPU with AVX-512 BF16 or AMX, slower on one without (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--augment", defaultValue = "weak", description = "Policy: none, weak (flip + crop), crop, flip, randaugment:n=2,m=9, trivial, strong, or several joined by + (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--cutmix", defaultValue = "0", paramLabel = "ALPHA", description = "CutMix with λ ~ Beta(ALPHA, ALPHA); 0 is off (default: ${DEFAULT-VALUE})")
    double cutmix;

    @Option(names = "--mixup", defaultValue = "0", paramLabel = "ALPHA", description = "MixUp with λ ~ Beta(ALPHA, ALPHA); 0 is off (default: ${DEFAULT-VALUE})")
    double mixup;

    @Option(names = "--mix-switch", defaultValue = "0.5", description = "With both on, the probability of CutMix for a batch (default: ${DEFAULT-VALUE})")
    double mixSwitch;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split, initialisation, batch order and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--loader-threads", defaultValue = "1", description = "Background threads preparing batches (default: ${DEFAULT-VALUE})")
    int loaderThreads;

    @Option(names = "--out", description = "Run directory (default: runs/METHOD-MODEL-TIME)")
    Path out;

    @Option(names = "--force", description = "Overwrite the run directory if it already holds a run")
    boolean force;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its last checkpoint (its config.json is used)")
    Path resume;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of option: value defaults; flags override it")
    Path config;

    @Mixin
    Verbose verbose;

    /**
     * The warm-up, as a share of the epochs, when {@code --warmup-epochs} is not given. On 1,000
     * Fashion-MNIST labels, 5 of 100 epochs removed the collapses of distillation and mutual learning at
     * lr 0.05 and raised the validation accuracy of every method it was tried with: supervised,
     * distillation, mutual learning, Noisy Student's students (docs/RESULTS.md, issues 5 and 6).
     */
    static final double WARMUP_SHARE = 0.05;
    /** Epochs when neither --epochs nor --steps is given... */
    static final int DEFAULT_EPOCHS = 10;
    /**
     * ...but at least this many steps: 10 passes over 200 labels at batch 128 would be 20 steps, too few
     * for any method (a run with few labels needs as many steps as one with many, not as many passes).
     */
    static final long DEFAULT_MIN_STEPS = 1000;

    /** The epochs given, or the default's. */
    int epochsOrDefault() {
        return epochs != null ? epochs : DEFAULT_EPOCHS;
    }

    /** The config as given; a default budget or warm-up that depends on the labeled set is resolved by {@link #resolve}. */
    ExperimentConfig toConfig() {
        OptimizerConfig optimizerConfig = new OptimizerConfig(optimizer, momentum, !noNesterov && momentum > 0,
                weightDecay, decayNormAndBias, 0.9, 0.999, 1e-8);
        if (epochs != null && steps != null) {
            throw new MentorException("--epochs and --steps: give one, not both");
        }
        if (warmupEpochs != null && warmupSteps != null) {
            throw new MentorException("--warmup-epochs and --warmup-steps: give one, not both");
        }
        if (steps != null && warmupEpochs != null) {
            throw new MentorException("--warmup-epochs: a run counted in --steps takes --warmup-steps");
        }
        int e = epochs != null ? epochs : DEFAULT_EPOCHS;
        double warmup = warmupEpochs != null ? warmupEpochs : WARMUP_SHARE * e;
        return new ExperimentConfig(DataSpec.parse(data), unlabeled == null ? null : DataSpec.parseUnlabeled(unlabeled), classes,
                imageSize, testSplit, labels, labelsPerClass, validationPerClass,
                model, dropout, stochasticDepth, e, batchSize, learningRate, warmup, optimizerConfig, ema,
                augment, cutmix, mixup, mixSwitch, seed, loaderThreads, steps, warmupSteps, "none".equals(init) || init == null ? null : SelfTrainingDirectory.modelFolder(Path.of(init)).toString())
                .withPrecision(Precision.parse(precision)).withLrSchedule(LrSchedule.parse(lrSchedule));
    }

    /**
     * The config with what depends on the prepared data made concrete, so config.json records it: the
     * default budget (10 passes, at least {@link #DEFAULT_MIN_STEPS} steps) when neither --epochs nor
     * --steps was given, the default warm-up ({@link Budget#defaultWarmup}: 5%, at least 50 steps or a
     * quarter of the run) when neither --warmup-epochs nor --warmup-steps was, and the command's default
     * starting point ({@link #initByDefault}) when --init was not given and that run can start this model
     * ({@link RunContext#cannotStart}; which of the two is said on {@code err}).
     */
    ExperimentConfig resolve(ExperimentConfig config, Experiment.Prepared prepared, PrintWriter err) {
        int labeledImages = prepared.labeled().size();
        ExperimentConfig c = config;
        if (epochs == null && steps == null) {
            c = c.withSteps(Math.max(DEFAULT_EPOCHS * Budget.passSteps(labeledImages, c.batchSize()), DEFAULT_MIN_STEPS));
        }
        if (warmupEpochs == null && warmupSteps == null) {
            long total = Budget.of(c, labeledImages).total();
            c = c.withWarmupSteps(Budget.defaultWarmup(total));
        }
        return resolveInit(c, prepared, err);
    }

    private ExperimentConfig resolveInit(ExperimentConfig config, Experiment.Prepared prepared, PrintWriter err) {
        if (init != null || initByDefault == null) {
            return config;
        }
        Path from = SelfTrainingDirectory.modelFolder(initByDefault);
        String reason = RunContext.cannotStart(prepared.models(), from, Experiment.spec(config, prepared.data().train()));
        if (reason != null) {
            err.println("the student starts fresh, not from its teacher: " + reason);
            return config;
        }
        err.println("the student starts from its teacher's weights, " + from + " (--init none for a fresh start)");
        return config.withInit(from.toString());
    }
}
