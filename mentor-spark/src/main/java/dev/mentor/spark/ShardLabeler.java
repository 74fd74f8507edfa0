package dev.mentor.spark;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import dev.mentor.data.ImageSet;
import dev.mentor.data.Reshape;
import dev.mentor.run.PseudoLabelRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Labels the shards of one task on an executor: decodes each image as {@code mentor pseudo-label} does
 * ({@link dev.mentor.data.ImageFiles}, then {@link Reshape} to the teacher's shape), runs the teacher on
 * batches of {@link PseudoLabelRun#BATCH_SIZE} in shard order — the single-process run's batches, since a
 * shard starts at a multiple of the batch — and writes the shard ({@link ShardWriter}). An image that
 * cannot be decoded, has the wrong shape under {@code skip}, or gets no valid distribution is skipped and
 * listed with its reason; it never fails the shard.
 */
final class ShardLabeler {
    private final ShardJob job;
    private final Supplier<TeacherPackage> teacher;
    private final IntSupplier slots;
    private final String executor;

    /**
     * @param teacher the shipped teacher, read only by the first task of a process
     * @param slots the process's task slots, the engine's threads when the job does not say
     * @param executor names the process in summaries
     */
    ShardLabeler(ShardJob job, Supplier<TeacherPackage> teacher, IntSupplier slots, String executor) {
        this.job = job;
        this.teacher = teacher;
        this.slots = slots;
        this.executor = executor + "/" + ProcessHandle.current().pid();
    }

    /** Labels every shard of {@code images}, which come grouped by shard. */
    List<ShardSummary> label(Iterator<PoolImage> images) {
        List<ShardSummary> done = new ArrayList<>();
        PoolImage next = images.hasNext() ? images.next() : null;
        while (next != null) {
            int shard = next.shard();
            List<PoolImage> first = List.of(next);
            PeekingShard shardImages = new PeekingShard(shard, first.iterator(), images);
            done.add(labelShard(shard, shardImages));
            next = shardImages.following;
        }
        return done;
    }

    private ShardSummary labelShard(int shard, Iterator<PoolImage> images) {
        long started = System.nanoTime();
        int threads = job.threads() > 0 ? job.threads() : slots.getAsInt();
        ExecutorTeacher model = ExecutorTeacher.get(job.fingerprint(), teacher);
        Counts counts = new Counts(job.classes());
        try (ShardWriter writer = new ShardWriter(job, shard)) {
            List<Image> batch = new ArrayList<>(PseudoLabelRun.BATCH_SIZE);
            List<String> ids = new ArrayList<>(PseudoLabelRun.BATCH_SIZE);
            while (images.hasNext()) {
                PoolImage item = images.next();
                counts.images++;
                Image image = decode(item, writer, counts);
                if (image == null) {
                    continue;
                }
                batch.add(image);
                ids.add(item.id());
                if (batch.size() == PseudoLabelRun.BATCH_SIZE) {
                    predict(model, threads, batch, ids, writer, counts);
                }
            }
            predict(model, threads, batch, ids, writer, counts);
            ShardSummary summary = new ShardSummary(shard, counts.images, counts.labeled, counts.resized, counts.skipped,
                    counts.classes, counts.confidence, counts.examples, (System.nanoTime() - started) / 1e9, executor,
                    ExecutorTeacher.loads(), threads);
            writer.commit(summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("shard " + shard + " of " + job.out() + ": " + e.getMessage(), e);
        }
    }

    /** The image at the teacher's shape, or null when it is skipped (and listed). */
    private Image decode(PoolImage item, ShardWriter writer, Counts counts) throws IOException {
        Image image;
        try {
            image = item.decode();
        } catch (MentorException e) {
            counts.skip(writer, item.id(), ShardSummary.Skip.UNREADABLE, e.getMessage());
            return null;
        }
        if (image.channels() == job.channels() && image.height() == job.height() && image.width() == job.width()) {
            return image;
        }
        if (job.skipWrongShape()) {
            counts.skip(writer, item.id(), ShardSummary.Skip.WRONG_SHAPE, String.format("%dx%dx%d, the teacher takes %dx%dx%d",
                    image.channels(), image.height(), image.width(), job.channels(), job.height(), job.width()));
            return null;
        }
        counts.resized++;
        return Reshape.to(image, job.channels(), job.height(), job.width());
    }

    private void predict(ExecutorTeacher model, int threads, List<Image> batch, List<String> ids, ShardWriter writer,
            Counts counts) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        float[] p = model.probabilities(new Batch(batch, job), threads);
        int classes = job.classes();
        for (int i = 0; i < ids.size(); i++) {
            String problem = problem(p, i * classes, classes);
            if (problem != null) {
                counts.skip(writer, ids.get(i), ShardSummary.Skip.INVALID_DISTRIBUTION, "the teacher's output " + problem
                        + " (did its training diverge?)");
                continue;
            }
            int label = TopK.of(p, i * classes, classes, 1)[0];
            writer.labeled(ids.get(i), label, p, i * classes);
            counts.labeled++;
            counts.classes[label]++;
            counts.confidence[Math.min(ShardSummary.BINS - 1, (int) (p[i * classes + label] * ShardSummary.BINS))]++;
        }
        batch.clear();
        ids.clear();
    }

    /** Why a row is not a distribution (as {@link dev.mentor.teacher.PseudoLabels} checks), or null. */
    private static String problem(float[] p, int offset, int classes) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float v = p[offset + c];
            if (!(v >= 0 && v <= 1)) {
                return "gives class " + c + " probability " + v;
            }
            sum += v;
        }
        return Math.abs(sum - 1) > dev.mentor.teacher.PseudoLabels.SUM_TOLERANCE ? "sums to " + sum : null;
    }

    private static final class Counts {
        long images;
        long labeled;
        long resized;
        final long[] skipped = new long[ShardSummary.Skip.values().length];
        final long[] classes;
        final long[] confidence = new long[ShardSummary.BINS];
        final List<List<String>> examples = new ArrayList<>();

        Counts(int classCount) {
            classes = new long[classCount];
        }

        void skip(ShardWriter writer, String id, ShardSummary.Skip reason, String detail) throws IOException {
            writer.skipped(id, reason, detail);
            skipped[reason.ordinal()]++;
            if (examples.size() < ShardSummary.EXAMPLES) {
                examples.add(List.of(id, reason.label, detail));
            }
        }
    }

    /** The images of one shard, from the task's iterator, stopping at the first image of the next shard. */
    private static final class PeekingShard implements Iterator<PoolImage> {
        private final int shard;
        private final Iterator<PoolImage> head;
        private final Iterator<PoolImage> rest;
        private PoolImage buffered;
        PoolImage following;

        PeekingShard(int shard, Iterator<PoolImage> head, Iterator<PoolImage> rest) {
            this.shard = shard;
            this.head = head;
            this.rest = rest;
        }

        @Override
        public boolean hasNext() {
            if (buffered != null || head.hasNext()) {
                return true;
            }
            if (following != null || !rest.hasNext()) {
                return false;
            }
            PoolImage candidate = rest.next();
            if (candidate.shard() == shard) {
                buffered = candidate;
                return true;
            }
            following = candidate;
            return false;
        }

        @Override
        public PoolImage next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            if (head.hasNext()) {
                return head.next();
            }
            PoolImage item = buffered;
            buffered = null;
            return item;
        }
    }

    /** A batch's decoded images as the set {@link dev.mentor.eval.Predictor} reads. */
    private record Batch(List<Image> images, ShardJob job) implements ImageSet {
        @Override
        public int size() {
            return images.size();
        }

        @Override
        public Image image(int index) {
            return images.get(index);
        }

        @Override
        public int label(int index) {
            return UNLABELED;
        }

        @Override
        public int channels() {
            return job.channels();
        }

        @Override
        public int height() {
            return job.height();
        }

        @Override
        public int width() {
            return job.width();
        }

        @Override
        public List<String> classNames() {
            return java.util.Collections.nCopies(job.classes(), "");
        }
    }
}
