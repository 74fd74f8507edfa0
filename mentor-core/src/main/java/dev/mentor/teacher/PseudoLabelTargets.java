package dev.mentor.teacher;

import dev.mentor.Choices;
import dev.mentor.train.TargetSource;
import java.util.Arrays;

/**
 * The training targets of a selection of pseudo-labeled images: image {@code j} of the selection is
 * pool image {@code positions[j]}, and its target is the teacher's distribution (soft) or the one-hot
 * of its most probable class (hard).
 */
public final class PseudoLabelTargets implements TargetSource {
    /** Soft distributions or hard one-hot labels ({@code --pseudo-labels soft|hard}). */
    public enum Kind {
        SOFT, HARD;

        public static Kind parse(String text) {
            return Choices.parse("pseudo_labels", text, values());
        }
    }

    private final PseudoLabels labels;
    private final int[] positions;
    private final Kind kind;

    public PseudoLabelTargets(PseudoLabels labels, int[] positions, Kind kind) {
        for (int p : positions) {
            if (p < 0 || p >= labels.size()) {
                throw new IllegalArgumentException("position " + p + " is outside the " + labels.size() + " pseudo-labels");
            }
        }
        this.labels = labels;
        this.positions = positions.clone();
        this.kind = kind;
    }

    @Override
    public int classes() {
        return labels.classes();
    }

    @Override
    public void write(int index, float[] out, int offset) {
        int position = positions[index];
        if (kind == Kind.SOFT) {
            labels.copyRow(position, out, offset);
        } else {
            Arrays.fill(out, offset, offset + labels.classes(), 0f);
            out[offset + labels.label(position)] = 1f;
        }
    }
}
