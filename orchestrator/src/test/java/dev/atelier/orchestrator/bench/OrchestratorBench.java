package dev.atelier.orchestrator.bench;

import static dev.atelier.orchestrator.support.Harness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.orchestrator.support.FakeWorker;
import dev.atelier.orchestrator.support.Harness;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.RunRequested;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Orchestrator benchmarks against the real broker and PostgreSQL (not part of the test suite; run with
 * {@code mvn -B -q -pl orchestrator -am test -Dtest=OrchestratorBench -Dsurefire.failIfNoSpecifiedTests=false}).
 * Results are printed as lines starting with "BENCH".
 */
class OrchestratorBench {
    private static final String THOUSAND_RUNS = "{\"name\": \"bench\", \"base\": {\"epochs\": 5}, "
            + "\"grid\": {\"lr\": [0.001,0.002,0.003,0.004,0.005,0.006,0.007,0.008,0.009,0.01], "
            + "\"batch_size\": [16,32,48,64,80,96,112,128,144,160]}, "
            + "\"random\": {\"dropout\": {\"dist\": \"uniform\", \"min\": 0, \"max\": 0.5}}, \"trials\": 10}";

    @Test
    void submitThousandRunSweeps() {
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true)) {
            for (int i = 0; i < 3; i++) {
                h.postSweep("application/json", THOUSAND_RUNS);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = h.request("POST", "/api/v1/sweeps", "application/json", THOUSAND_RUNS, Harness.TOKEN);
                millis.add((System.nanoTime() - t0) / 1e6);
                assertThat(r.statusCode()).isEqualTo(201);
                assertThat(r.body()).contains("\"runCount\":1000");
            }
            Collections.sort(millis);
            System.out.printf("BENCH submit 1000-run sweep x20: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    millis.get(9), millis.get(19), millis.get(19));
        }
    }

    @Test
    void ingestEpochCompletedEvents() throws Exception {
        int runs = 100;
        int epochsPerRun = 500;
        try (Harness h = new Harness(Duration.ofSeconds(600)).start(true)) {
            String sweep = h.postSweep("text/plain", "lr=~loguniform(0.0001,0.01) trials=" + runs).getString("id");
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, h.bootstrap());
            p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int e = 1; e <= epochsPerRun; e++) {
                for (int r = 0; r < runs; r++) {
                    String runId = sweep + "-r" + String.format("%04d", r);
                    records.add(new ProducerRecord<>(h.topics().events(), runId, MessageCodec.encode("bench",
                            new EpochCompleted(runId, 1, e, 0.5, 0.8, 0.6, 0.78, 0.001, 1.5, 40000))));
                }
            }
            long total = (long) runs * epochsPerRun;
            long t0 = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                records.forEach(producer::send);
            }
            double produced = (System.nanoTime() - t0) / 1e9;
            await("all epochs stored", Duration.ofMinutes(5), () -> h.count("SELECT count(*) FROM epoch_metrics") == total);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("BENCH ingest %d EpochCompleted: %.1f s (producing took %.1f s) = %.0f events/s into PostgreSQL%n",
                    total, seconds, produced, total / seconds);
        }
    }

    @Test
    void dispatchLatencyFromFreeSlotToRunRequested() {
        int rounds = 20;
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true)) {
            h.postSweep("text/plain", "epochs=1 trials=" + rounds);
            List<Double> millis = new ArrayList<>();
            long t0 = System.nanoTime();
            try (FakeWorker w = h.worker("w", 1, 0, 12)) {
                for (int i = 0; i < rounds; i++) {
                    int n = i + 1;
                    await("run " + n, Duration.ofSeconds(30), () -> w.received().size() == n);
                    millis.add((System.nanoTime() - t0) / 1e6);
                    RunRequested r = w.received().get(i);
                    t0 = System.nanoTime();
                    w.finish(r, 1);
                }
            }
            Collections.sort(millis);
            System.out.printf("BENCH dispatch latency, free slot (worker start or RunCompleted) -> RunRequested received, %d rounds: "
                    + "p50 %.0f ms, max %.0f ms%n", rounds, millis.get(rounds / 2), millis.get(rounds - 1));
        }
    }

    @Test
    void eightEqualRunsOnFourWorkersMakespan() throws Exception {
        long runMillis = 3000;
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true)) {
            List<FakeWorker> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(h.worker("w" + i, 1, i * 3, i * 3 + 3));
            }
            await("workers known", Duration.ofSeconds(20), () -> h.getArray("/api/v1/workers").size() == 4);
            java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(4);
            java.util.Set<String> scheduled = java.util.concurrent.ConcurrentHashMap.newKeySet();
            long t0 = System.nanoTime();
            String id = h.postSweep("text/plain", "epochs=1 trials=8").getString("id");
            while (!"finished".equals(h.getJson("/api/v1/sweeps/" + id).getString("state"))) {
                for (FakeWorker w : workers) {
                    for (RunRequested r : w.received()) {
                        if (scheduled.add(r.runId())) {
                            w.start(r);
                            timer.schedule(() -> w.complete(r, 1), runMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                    }
                }
                Thread.sleep(20);
                assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(60).toNanos());
            }
            double makespan = (System.nanoTime() - t0) / 1e9;
            timer.shutdownNow();
            workers.forEach(FakeWorker::close);
            System.out.printf("BENCH 8 equal runs of %.1f s on 4 one-slot workers: makespan %.2f s = %.2fx the ideal %.1f s (2 rounds)%n",
                    runMillis / 1e3, makespan, makespan / (2 * runMillis / 1e3), 2 * runMillis / 1e3);
        }
    }
}
