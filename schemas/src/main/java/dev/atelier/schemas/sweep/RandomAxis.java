package dev.atelier.schemas.sweep;

import java.util.List;
import java.util.Random;

/**
 * One randomly sampled sweep axis: {@code uniform} and {@code loguniform} between min and max, or a
 * {@code choice} among values.
 */
public record RandomAxis(String dist, double min, double max, List<Object> values) {
    public static final List<String> DISTRIBUTIONS = List.of("uniform", "loguniform", "choice");

    public RandomAxis {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static RandomAxis choice(List<Object> values) {
        return new RandomAxis("choice", 0, 0, values);
    }

    /** Draws one value; integer options get a rounded number. */
    Object sample(Random random, boolean integer) {
        if (dist.equals("choice")) {
            return values.get(random.nextInt(values.size()));
        }
        double u = random.nextDouble();
        double v = dist.equals("loguniform")
                ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
                : min + u * (max - min);
        if (integer) {
            return (int) Math.round(v);
        }
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
    }
}
