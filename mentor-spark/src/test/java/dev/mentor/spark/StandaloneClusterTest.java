package dev.mentor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mentor.teacher.PseudoLabels;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback: a master and two one-core workers started from the Spark
 * jars, the job submitted with spark-submit's own entry point ({@code SparkSubmit}) of {@link LabelPool}
 * in client mode, executors started by the workers in their own JVMs. Every process is stopped by the
 * test. Tagged {@code cluster} ({@code -DexcludedGroups=cluster} skips it): it starts six JVMs.
 */
@Tag("cluster")
class StandaloneClusterTest {
    private static final int IMAGES = 1000; // four shards of 256

    private final List<Process> processes = new ArrayList<>();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aJobSubmittedToTwoWorkersLabelsThePoolAsOneProcessDoes(@TempDir Path dir) throws Exception {
        Path teacher = Fixtures.teacher(Files.createDirectories(dir.resolve("teacher")), 5);
        Path pool = Fixtures.pool(Files.createDirectories(dir.resolve("pool")), IMAGES, 0, 17);
        Engine.getInstance();
        JniUtils.setNumThreads(1); // each executor has one core, so one engine thread: the same arithmetic
        PseudoLabels reference = Fixtures.singleProcess(teacher, pool, Files.createDirectories(dir.resolve("reference")));

        String classpath = System.getProperty("java.class.path");
        assertTrue(classpath.contains("spark-core"), "the test's classpath carries Spark's jars: " + classpath);
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent(); // no jars of its own: the classpath has them
        Path out = dir.resolve("out");
        try {
            int port = freePort();
            String master = "spark://127.0.0.1:" + port;
            start(dir, sparkHome, "master", "-Xmx256m", "-cp", classpath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
            awaitPort(port, 60);
            for (int w = 1; w <= 2; w++) {
                start(dir, sparkHome, "worker" + w, "-Xmx256m", "-cp", classpath, "org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                        Files.createDirectories(dir.resolve("work" + w)).toString(), master);
            }
            Process driver = start(dir, sparkHome, "driver", "-Xmx512m", "-cp", classpath, "org.apache.spark.deploy.SparkSubmit",
                    "--master", master, "--deploy-mode", "client", "--class", LabelPool.class.getName(),
                    "--conf", "spark.executor.extraClassPath=" + classpath,
                    "--conf", "spark.executor.memory=600m", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                    // both executors registered before the first task, so both get shards
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                    applicationJar(dir).toString(),
                    "--teacher", teacher.toString(), "--unlabeled", "folder:" + pool, "--out", out.toString(),
                    "--shard-size", "256", "--distribution", "fp32");
            assertTrue(driver.waitFor(200, TimeUnit.SECONDS), () -> "the driver did not finish: " + log(dir, "driver"));
            assertEquals(0, driver.exitValue(), () -> log(dir, "driver"));
        } finally {
            stopAll();
        }

        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < reference.size(); i++) {
            row.put(reference.ids().get(i), i);
        }
        int seen = 0;
        for (int shard = 0; shard < 4; shard++) {
            Path part = Artifact.shardFolder(out, Artifact.LABELS, shard).resolve(Artifact.PART);
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(part.toUri())).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    int i = row.get(g.getString("id", 0));
                    assertEquals(reference.label(i), g.getInteger("label", 0));
                    ByteBuffer p = ByteBuffer.wrap(g.getBinary("distribution", 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
                    for (int c = 0; c < Fixtures.CLASSES.size(); c++) {
                        assertEquals(Float.floatToIntBits(reference.probability(i, c)), Float.floatToIntBits(p.getFloat()));
                    }
                    seen++;
                }
            }
        }
        assertEquals(IMAGES, seen);
        Map<String, SparkReport.Executor> executors = SparkReport.read(out).executors();
        assertEquals(2, executors.size(), "both workers' executors labeled shards: " + executors);
        for (SparkReport.Executor executor : executors.values()) {
            assertEquals(1, executor.teacherLoads(), "each executor loads the teacher once: " + executors);
            assertEquals(1, executor.threads(), "one engine thread for one core: " + executors);
        }
    }

    /** mentor-spark's classes as the application jar spark-submit requires. */
    private static Path applicationJar(Path dir) throws IOException {
        Path classes = Path.of(LabelPool.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = dir.resolve("mentor-spark-app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private Process start(Path dir, Path sparkHome, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("jvm.options").toAbsolutePath());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Stops the driver, the workers (which stop their executors) and the master, then anything they left. */
    private void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the master did not open port " + port + " within " + seconds + " s");
    }

    private static String log(Path dir, String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
