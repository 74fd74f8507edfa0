package dev.mentor.data;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --classes 5,6,7,8,9}: a view of an image set holding only the images of the chosen classes,
 * relabeled 0..k−1 in the order given, with their class names. Source and target tasks of transfer
 * learning are carved from one data set this way (e.g. Fashion-MNIST classes 0–4, then 5–9).
 */
public final class ClassSelection implements ImageSet {
    private final ImageSet base;
    private final int[] indices;
    private final int[] labels;
    private final List<String> names;

    private ClassSelection(ImageSet base, int[] indices, int[] labels, List<String> names) {
        this.base = base;
        this.indices = indices;
        this.labels = labels;
        this.names = names;
    }

    /**
     * @param classes original class indices to keep, at least two, each once
     * @throws MentorException naming {@code --classes} and the bad value
     */
    public static ImageSet of(ImageSet set, List<Integer> classes) {
        if (classes.size() < 2) {
            throw MentorException.of("classes", "need at least 2 classes, got " + classes);
        }
        int[] newLabel = new int[set.numClasses()];
        java.util.Arrays.fill(newLabel, -1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c < 0 || c >= set.numClasses()) {
                throw MentorException.of("classes", "class " + c + " does not exist (the data has classes 0.." + (set.numClasses() - 1) + ")");
            }
            if (newLabel[c] >= 0) {
                throw MentorException.of("classes", "class " + c + " is listed twice");
            }
            newLabel[c] = i;
            names.add(set.classNames().get(c));
        }
        int count = 0;
        for (int i = 0; i < set.size(); i++) {
            int label = set.label(i);
            if (label >= 0 && newLabel[label] >= 0) {
                count++;
            }
        }
        int[] indices = new int[count];
        int[] labels = new int[count];
        int k = 0;
        for (int i = 0; i < set.size(); i++) {
            int label = set.label(i);
            if (label >= 0 && newLabel[label] >= 0) {
                indices[k] = i;
                labels[k++] = newLabel[label];
            }
        }
        return new ClassSelection(set, indices, labels, List.copyOf(names));
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
        return labels[index];
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
        return names;
    }
}
