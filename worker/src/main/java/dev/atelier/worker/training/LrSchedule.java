package dev.atelier.worker.training;

import dev.atelier.schemas.config.RunConfig;

/**
 * Learning rate as a function of the global step: {@code none|step|cosine|onecycle}, after an optional linear
 * warm-up of {@code warmup_epochs}. {@code onecycle} without an explicit warm-up ramps up over the first 30%.
 */
record LrSchedule(String kind, double peak, long warmupSteps, long totalSteps, int stepsPerEpoch, int stepSize, double gamma) {

    static LrSchedule of(RunConfig config, int stepsPerEpoch) {
        String kind = config.getString("schedule");
        long total = (long) stepsPerEpoch * config.getInt("epochs");
        long warmup = Math.round(config.getDouble("warmup_epochs") * stepsPerEpoch);
        if ("onecycle".equals(kind) && warmup == 0) {
            warmup = Math.round(0.3 * total);
        }
        return new LrSchedule(kind, config.getDouble("lr"), Math.min(warmup, total), total, stepsPerEpoch,
                config.getInt("step_size"), config.getDouble("gamma"));
    }

    /** The learning rate for step {@code step} (0-based). */
    double at(long step) {
        boolean onecycle = "onecycle".equals(kind);
        if (step < warmupSteps) {
            double start = onecycle ? peak / 25 : 0;
            return start + (peak - start) * (step + 1) / warmupSteps;
        }
        double progress = totalSteps <= warmupSteps ? 1 : (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        progress = Math.min(1, progress);
        return switch (kind) {
            case "step" -> peak * Math.pow(gamma, Math.floorDiv(step, (long) stepsPerEpoch) / stepSize);
            case "cosine" -> peak * 0.5 * (1 + Math.cos(Math.PI * progress));
            case "onecycle" -> {
                double floor = peak / 25 / 1e4;
                yield floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
            default -> peak;
        };
    }
}
