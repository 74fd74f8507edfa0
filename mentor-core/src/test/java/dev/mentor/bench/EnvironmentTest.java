package dev.mentor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void listsOnlyThreadingAndAllocatorVariablesSorted() {
        Map<String, String> env = Map.of("PATH", "/bin", "OMP_WAIT_POLICY", "PASSIVE", "MALLOC_TOP_PAD_", "0", "HOME", "/root");
        assertEquals("MALLOC_TOP_PAD_=0 OMP_WAIT_POLICY=PASSIVE", Environment.describe(env));
        assertEquals("none", Environment.describe(Map.of("PATH", "/bin")));
    }
}
