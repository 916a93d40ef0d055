package dev.atelier.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./atelier sweep architecture=fcn,cnn lr=0.001,0.003 epochs=5}: submit a sweep and follow it to its end. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Submit a hyper-parameter sweep to a running orchestrator and follow it live until it ends.",
                "Words as for 'train'; a comma list is a grid axis (lr=0.001,0.003), '~' a random axis (lr=~loguniform(0.0001,0.01));",
                "trials=, max_parallel=, priority=, sweep_seed= set the sweep itself.",
                "Exit codes: 0 sweep finished with a completed run, 1 orchestrator unreachable / sweep cancelled or nothing completed,",
                "2 the orchestrator refused the sweep (one line per problem).",
                "Environment: ATELIER_API (orchestrator URL), ATELIER_API_TOKEN (bearer token)."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KEY=VALUES", arity = "1..*", description = "run options and sweep axes, e.g. architecture=fcn,cnn lr=0.001,0.003 epochs=5")
    List<String> words;
    @Mixin
    ApiOptions apiOptions;
    @Option(names = "--name", description = "sweep name (no spaces)")
    String name;
    @Option(names = "--detach", description = "print the sweep id and return at once")
    boolean detach;
    @Option(names = "--interval", description = "seconds between refreshes while following (default: ${DEFAULT-VALUE})", defaultValue = "1")
    double interval;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (name != null && (name.isBlank() || name.chars().anyMatch(Character::isWhitespace))) {
            err.println("atelier sweep: --name must be one word without spaces, got '" + name + "'");
            return 2;
        }
        if (!(interval > 0)) {
            err.println("atelier sweep: --interval must be > 0 seconds, got " + interval);
            return 2;
        }
        ApiClient client = apiOptions.client();
        JsonObject created;
        try {
            created = client.submitText(String.join(" ", words) + (name == null ? "" : " name=" + name));
        } catch (ApiClient.ApiException e) {
            err.println("atelier sweep: the orchestrator refused the sweep (HTTP " + e.status() + "):");
            e.lines().forEach(l -> err.println("  " + l));
            return e.exitCode();
        } catch (ApiClient.UnreachableException e) {
            err.println("atelier sweep: " + e.getMessage());
            return 1;
        }
        String id = created.getString("id");
        if (detach) {
            out.println(id);
            out.flush();
            return 0;
        }
        out.println("sweep " + id + " submitted: " + created.getInteger("runCount") + " runs (" + client.base() + "/api/v1/sweeps/" + id + ")");
        out.flush();
        return follow(client, id, out, err);
    }

    private int follow(ApiClient client, String id, PrintWriter out, PrintWriter err) {
        LiveTable table = new LiveTable(out, System.console() != null);
        boolean warned = false;
        while (true) {
            JsonObject sweep;
            try {
                sweep = client.getObject("/api/v1/sweeps/" + id);
                warned = false;
            } catch (ApiClient.UnreachableException e) {
                if (!warned) {
                    err.println("atelier sweep: " + e.getMessage() + "; retrying (Ctrl-C to stop following, the sweep goes on)");
                    err.flush();
                    warned = true;
                }
                sleep();
                continue;
            } catch (ApiClient.ApiException e) {
                err.println("atelier sweep: cannot read sweep " + id + ": " + String.join("; ", e.lines()));
                return 1;
            }
            table.show(SweepTables.runs(sweep));
            if (!"active".equals(sweep.getString("state"))) {
                out.println(SweepTables.best(sweep));
                out.flush();
                boolean completed = sweep.getJsonObject("counts", new JsonObject()).getLong("completed", 0L) > 0;
                return "finished".equals(sweep.getString("state")) && completed ? 0 : 1;
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep((long) (interval * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Redraws a table in place on a terminal (ANSI cursor-up + clear), or prints it again only when it changed. */
    private static final class LiveTable {
        private final PrintWriter out;
        private final boolean terminal;
        private List<String> last = List.of();

        LiveTable(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(List<String> lines) {
            if (lines.equals(last)) {
                return;
            }
            if (terminal && !last.isEmpty()) {
                out.print("\033[" + last.size() + "F\033[J");
            } else if (!last.isEmpty()) {
                out.println();
            }
            lines.forEach(out::println);
            out.flush();
            last = lines;
        }
    }
}
