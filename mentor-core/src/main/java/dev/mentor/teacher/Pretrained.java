package dev.mentor.teacher;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Learner;
import dev.mentor.train.SavedModel;

/** Copies a finished run's backbone into a new learner whose head is for other classes. */
public final class Pretrained {
    private Pretrained() {}

    /**
     * Loads every non-head parameter of {@code saved} into {@code target}; the architectures and image
     * shapes must agree, the heads may differ.
     */
    public static void loadBackbone(SavedModel saved, Learner target, String source) {
        ModelSpec a = saved.spec();
        ModelSpec b = target.spec();
        if (!a.architecture().equals(b.architecture())) {
            throw MentorException.of("pretrained", OptionText.text(source + " is a " + a.architecture() + ", not a "
                    + b.architecture() + " (give ").thenOption("model").then(" " + a.architecture() + ")"));
        }
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width()) {
            throw MentorException.of("pretrained", OptionText.text(String.format("%s was trained on %dx%dx%d images, the data has "
                    + "%dx%dx%d (use ", source, a.channels(), a.height(), a.width(), b.channels(), b.height(), b.width()))
                    .thenOption("image_size").then("?)"));
        }
        target.loadBackbone(saved.weights());
    }
}
