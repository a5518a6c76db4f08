package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

/**
 * Compute resources requested for one service.
 *
 * @param cpuMillis CPU in thousandths of a core, not negative
 * @param memoryMb memory in MiB, not negative
 * @param diskMb disk in MiB, not negative; 0 for none
 * @param replicas number of copies, not negative
 * @param gpu GPU model or class; {@code ""} for none
 */
public record ResourceSpec(int cpuMillis, int memoryMb, int diskMb, int replicas, String gpu) {
    public ResourceSpec {
        Checks.nonNegative(cpuMillis, "resources.cpuMillis");
        Checks.nonNegative(memoryMb, "resources.memoryMb");
        Checks.nonNegative(diskMb, "resources.diskMb");
        Checks.nonNegative(replicas, "resources.replicas");
        gpu = Checks.optionalText(gpu, "resources.gpu", Checks.SHORT_TEXT);
    }

    /** No resources requested, one replica. */
    public static final ResourceSpec NONE = new ResourceSpec(0, 0, 0, 1, "");
}
