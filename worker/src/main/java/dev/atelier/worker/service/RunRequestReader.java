package dev.atelier.worker.service;

import dev.atelier.schemas.config.ConfigException;
import dev.atelier.schemas.config.ConfigProblem;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.InvalidMessageException;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.RunRequested;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Turns a runs-topic record value into a RunRequested with a validated config, or says precisely why not. */
final class RunRequestReader {

    /** A readable request; {@code configProblem} is set when only its config is invalid (the run id is known). */
    record Read(RunRequested request, RunConfig config, String configProblem) {
    }

    private final OptionalInt gpu;

    RunRequestReader(OptionalInt gpu) {
        this.gpu = gpu;
    }

    /** @throws InvalidMessageException when the record is not a valid RunRequested */
    Read read(byte[] value) {
        Envelope envelope = MessageCodec.decode(value == null ? null : new String(value, StandardCharsets.UTF_8));
        if (!(envelope.payload() instanceof RunRequested request)) {
            throw new InvalidMessageException("the runs topic carries RunRequested only; got " + envelope.type());
        }
        try {
            RunConfig config = RunConfig.fromJson(request.config());
            if (gpu.isPresent() && "auto".equals(config.getString("device"))) {
                // A worker pinned to a GPU trains on it (CUDA_VISIBLE_DEVICES makes it device 0 of this process).
                config = config.with(Map.of("device", "gpu"));
            }
            return new Read(request, config, null);
        } catch (ConfigException e) {
            return new Read(request, null, "invalid run config: " + describe(e));
        }
    }

    private static String describe(ConfigException e) {
        return e.problems().stream().map(ConfigProblem::oneLine).collect(Collectors.joining("; "));
    }
}
