package dev.atelier.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./atelier status [sweepId]}: the sweeps, or one sweep's runs, as the orchestrator has them now. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Without a sweep id: the latest sweeps (id, name, state, run counts, best accuracies).",
                "With a sweep id: its runs (state, the hyper-parameters that vary, epoch, val_acc, test_acc) and the best run.",
                "Exit codes: 0 ok, 1 orchestrator unreachable, 2 unknown sweep or bad request.",
                "Environment: ATELIER_API (orchestrator URL), ATELIER_API_TOKEN (bearer token, sent when set)."})
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SWEEP_ID", arity = "0..1", description = "a sweep id (sw-...)")
    String sweepId;
    @Mixin
    ApiOptions apiOptions;
    @Option(names = "--limit", description = "how many sweeps to list, newest first (default: ${DEFAULT-VALUE})", defaultValue = "20")
    int limit;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApiClient client = apiOptions.client();
        try {
            if (sweepId == null) {
                var sweeps = client.getArray("/api/v1/sweeps?limit=" + limit);
                if (sweeps.isEmpty()) {
                    out.println("no sweeps yet; submit one with ./atelier sweep architecture=fcn,cnn lr=0.001,0.003 epochs=5");
                } else {
                    SweepTables.sweeps(sweeps).forEach(out::println);
                }
            } else {
                var sweep = client.getObject("/api/v1/sweeps/" + URLEncoder.encode(sweepId, StandardCharsets.UTF_8));
                SweepTables.runs(sweep).forEach(out::println);
                out.println(SweepTables.best(sweep));
            }
            out.flush();
            return 0;
        } catch (ApiClient.ApiException e) {
            err.println("atelier status: " + (e.status() == 404 && sweepId != null ? "no sweep '" + sweepId + "' (list them with ./atelier status)"
                    : String.join("; ", e.lines())));
            return e.exitCode();
        } catch (ApiClient.UnreachableException e) {
            err.println("atelier status: " + e.getMessage());
            return 1;
        }
    }
}
