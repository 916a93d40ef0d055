package dev.atelier.worker.data;

/** The data set is missing, truncated or corrupt; the message names the file and says how to fix it. */
public class DataException extends RuntimeException {
    static final String HOW_TO_FIX = "Fix: install it with 'sudo apt-get install dataset-fashion-mnist', or set data_dir=<dir> "
            + "(or ATELIER_DATA_DIR) to a directory holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz";

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
