package dev.mentor.spark;

import dev.mentor.augment.Image;
import dev.mentor.data.Fingerprint;
import dev.mentor.data.ImageFiles;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.run.UnlabeledPool;
import dev.mentor.train.SavedModel;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A folder pool, listed on the driver exactly as {@code mentor pseudo-label --unlabeled folder:DIR} lists it
 * ({@link UnlabeledFolder}: every image file under the folder in sorted path order, ids the paths under
 * it) and cut into contiguous shards of that order. Each task reads its shard's files itself (the folder
 * must be mounted where executors run) and decodes them there.
 */
final class FolderPlan implements PoolPlan {
    private final Path root;
    private final List<String> ids;
    private final int shardSize;

    private FolderPlan(Path root, List<String> ids, int shardSize) {
        this.root = root;
        this.ids = ids;
        this.shardSize = shardSize;
    }

    static FolderPlan of(Path root, SavedModel teacher, int shardSize) {
        UnlabeledFolder folder = new UnlabeledFolder(root, teacher.spec().channels(), teacher.spec().height(),
                teacher.spec().width(), teacher.classNames());
        return new FolderPlan(root.toAbsolutePath(), UnlabeledPool.ids(folder), shardSize);
    }

    @Override
    public long images() {
        return ids.size();
    }

    @Override
    public int shards() {
        return (ids.size() + shardSize - 1) / shardSize;
    }

    @Override
    public String fingerprint() {
        Fingerprint f = new Fingerprint();
        f.update(ids.size());
        for (String id : ids) {
            f.update(id);
        }
        return f.hex();
    }

    @Override
    public String sharding() {
        return "contiguous runs of " + shardSize + " ids in sorted path order (mentor pseudo-label's order)";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "folder");
        d.put("location", root.toString());
        return d;
    }

    /** Labels {@code shards}, one task each. */
    List<ShardSummary> label(JavaSparkContext spark, ShardJob job, Broadcast<TeacherPackage> teacher, List<Integer> shards) {
        List<Shard> tasks = new ArrayList<>();
        for (int k : shards) {
            tasks.add(new Shard(k, root.toString(), new ArrayList<>(ids.subList(k * shardSize, Math.min(ids.size(), (k + 1) * shardSize)))));
        }
        return spark.parallelize(tasks, tasks.size()).mapPartitions(partition -> {
            List<PoolImage> images = new ArrayList<>();
            partition.forEachRemaining(shard -> shard.ids.forEach(id -> images.add(new FileImage(shard.index, shard.root, id))));
            return Executors.labeler(job, teacher).label(images.iterator()).iterator();
        }).collect();
    }

    /** One task's shard: its number, the pool's folder and its ids. */
    private record Shard(int index, String root, ArrayList<String> ids) implements Serializable {}

    private record FileImage(int shard, String root, String id) implements PoolImage {
        @Override
        public Image decode() {
            return ImageFiles.read(Path.of(root).resolve(id));
        }
    }
}
