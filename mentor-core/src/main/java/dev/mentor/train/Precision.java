package dev.mentor.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mentor.Choices;
import java.util.Locale;

/**
 * The number format of a training forward. {@link #FP32} throughout, or {@link #BF16}: PyTorch's CPU autocast done
 * by hand ({@link Bf16}): convolution and linear weights and the images cast to bfloat16 in each training forward,
 * from float32 masters that the optimizer updates; BatchNorm's parameters and statistics, the loss and evaluation stay
 * float32. In config.json as {@code "fp32"} or {@code "bf16"}.
 */
public enum Precision {
    FP32,
    BF16;

    /** {@code fp32} or {@code bf16}, as {@code --precision} takes it (any case); anything else is a one-line error about precision. */
    @JsonCreator
    public static Precision parse(String text) {
        return Choices.parse("precision", text, values(), Precision::text);
    }

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text();
    }
}
