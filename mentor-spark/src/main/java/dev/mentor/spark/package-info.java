/**
 * Pseudo-labeling on Apache Spark: the {@code spark} {@link dev.mentor.run.DistributedPseudoLabeling}, which
 * {@code mentor pseudo-label --spark} finds on the classpath, and {@link dev.mentor.spark.LabelPool}, the same job
 * as spark-submit's main class.
 *
 * <p>The driver ({@link dev.mentor.spark.SparkLabeling}) checks the options, the teacher and the output before
 * starting Spark, divides the pool into shards fixed by the pool alone ({@link dev.mentor.spark.FolderPlan}: runs
 * of the sorted ids; {@link dev.mentor.spark.ParquetPlan}: a hash of the id), records the artifact's identity
 * ({@link dev.mentor.spark.ArtifactManifest}) and broadcasts the teacher's files ({@link
 * dev.mentor.spark.TeacherPackage}). On the executors a {@link dev.mentor.spark.ShardLabeler} decodes and labels one
 * shard a task with the process's one {@link dev.mentor.spark.ExecutorTeacher} and writes it ({@link
 * dev.mentor.spark.ShardWriter}); the report ({@link dev.mentor.spark.SparkReport}) is added up from the shards'
 * summaries. {@link dev.mentor.spark.SparkArtifact} reads an artifact without Spark, {@link
 * dev.mentor.spark.SparkSelection} filters and balances one in Spark SQL; {@link dev.mentor.spark.PackPool} and
 * {@link dev.mentor.spark.CompareArtifacts} serve the experiments.
 */
package dev.mentor.spark;
