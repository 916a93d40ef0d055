package dev.atelier.worker.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;

/** Direct float views of tensors in CPU memory, for updates computed in Java in one pass (see {@link HostKernels}). */
public final class HostMemory {
    private HostMemory() {
    }

    /** True for a float32 tensor on the CPU, whose storage a view can alias. */
    public static boolean onHost(NDArray a) {
        return a.getDevice().getDeviceType().equals(Device.Type.CPU) && a.getDataType() == DataType.FLOAT32;
    }

    /**
     * A float view of {@code a}'s own storage, or null if DJL would hand out a copy (a non-contiguous tensor): checked
     * by changing the first element through the view and reading it back through the tensor.
     */
    public static FloatBuffer view(NDArray a) {
        FloatBuffer view = a.toByteBuffer(true).asFloatBuffer();
        if (view.limit() == 0) {
            return view;
        }
        float old = view.get(0);
        float probe = old == 1f ? 2f : 1f;
        view.put(0, probe);
        try (NDArray flat = a.reshape(-1); NDArray head = flat.get(0)) {
            boolean aliased = head.getFloat() == probe;
            view.put(0, old);
            return aliased ? view : null;
        }
    }
}
