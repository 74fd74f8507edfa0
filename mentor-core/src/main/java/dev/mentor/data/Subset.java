package dev.mentor.data;

import dev.mentor.augment.Image;
import java.util.List;

/**
 * A view of an image set through a list of its indices: image {@code i} of the subset is image
 * {@code indices[i]} of the base set. Nothing is copied but the indices; an index may repeat (an
 * oversampled view). Splits hand out their labeled, unlabeled and validation parts as subsets.
 */
public final class Subset implements ImageSet {
    private final ImageSet base;
    private final int[] indices;

    /** A view of {@code base} through {@code indices} (copied); each index must lie in the base set. */
    public Subset(ImageSet base, int[] indices) {
        int baseSize = base.size();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= baseSize) {
                throw new IllegalArgumentException("index " + indices[i] + " at position " + i
                        + " is outside the base set of " + baseSize + " images");
            }
        }
        this.base = base;
        this.indices = indices.clone();
    }

    /** The set this is a view of, for diagnostics (e.g. the true labels behind an unlabeled pool). */
    public ImageSet base() {
        return base;
    }

    /** The base-set index of image {@code index} of this subset. */
    public int baseIndex(int index) {
        return indices[index];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Image image(int index) {
        return base.image(indices[index]);
    }

    @Override
    public int label(int index) {
        return base.label(indices[index]);
    }

    @Override
    public int channels() {
        return base.channels();
    }

    @Override
    public int height() {
        return base.height();
    }

    @Override
    public int width() {
        return base.width();
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public String toString() {
        return "Subset[" + indices.length + " of " + base + "]";
    }
}
