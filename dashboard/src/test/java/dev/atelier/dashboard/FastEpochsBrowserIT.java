package dev.atelier.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in headless Chromium while a run finishes an epoch every 0.33 s (as an FCN on 1,000 images does on
 * an idle machine): a person keeps opening its sweep page and its run page, each a full page load (a reload, a
 * bookmark, coming back from another site). Every page must render in seconds and draw new epochs live.
 * The epochs are committed by a thread with the orchestrator's row shape, so the rate does not depend on the machine.
 *
 * <p>Regression test for pages left in Chromium's back/forward cache with their EventSource still connected: five of
 * them held five of the browser's six HTTP/1.1 connections to the dashboard, and the next page's read-API fetches
 * queued behind them for ~30 s.
 */
class FastEpochsBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(FastEpochsBrowserIT.class);
    private static final long EPOCH_EVERY_MILLIS = 333;
    private static final Duration RENDER_LIMIT = Duration.ofSeconds(5);
    private static final String SWEEP = "fast";
    private static final String RUN = "fast-r0";
    private static final String MAX_EPOCH_DRAWN = """
            const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));
            let max = 0;
            ((c && c.getOption().series) || []).forEach(s => (s.data || []).forEach(p => { if (p[0] > max) max = p[0]; }));
            return [max, Number(document.getElementById(arguments[0]).dataset.renderedAt || 0)];""";

    private static StoreFixture store;
    private static Vertx vertx;
    private static Dashboard dashboard;
    private static WebDriver driver;
    private static Thread publisher;
    private static volatile boolean publishing = true;
    /** Epoch number to the moment (ms since the epoch) its row was committed. */
    private static final Map<Integer, Long> COMMITTED = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        store = new StoreFixture("dash_fast");
        vertx = Vertx.vertx();
        dashboard = Dashboard.start(vertx, new DashboardConfig(store.jdbcUrl, store.user(), store.password(),
                URI.create("http://127.0.0.1:9"), "127.0.0.1", 0)).await();
        store.sweep(SWEEP, "fast epochs", Instant.now(), "active");
        store.run(RUN, SWEEP, 0, new JsonObject().put("architecture", "fcn").put("train_subset", 1000).put("epochs", 100_000),
                "running", null, null);
        publisher = new Thread(FastEpochsBrowserIT::publish, "epoch-publisher");
        publisher.start();
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        publishing = false;
        if (publisher != null) {
            publisher.join(5_000);
        }
        if (driver != null) {
            driver.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (store != null) {
            store.close();
        }
    }

    /** One epoch row every {@value #EPOCH_EVERY_MILLIS} ms, committed with the run's last_epoch (the trigger NOTIFYs). */
    private static void publish() {
        try (Connection c = store.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO epoch_metrics (run_id, attempt, epoch, train_loss, train_acc, val_loss,"
                     + " val_acc, lr, epoch_seconds, images_per_second) VALUES (?, 1, ?, ?, ?, ?, ?, 0.001, 0.33, 3000)");
             PreparedStatement update = c.prepareStatement("UPDATE runs SET last_epoch = ? WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int epoch = 1; publishing; epoch++) {
                double acc = 0.9 - 0.4 / epoch;
                insert.setString(1, RUN);
                insert.setInt(2, epoch);
                insert.setDouble(3, 1.0 / epoch);
                insert.setDouble(4, acc + 0.01);
                insert.setDouble(5, 1.1 / epoch);
                insert.setDouble(6, acc);
                insert.executeUpdate();
                update.setInt(1, epoch);
                update.setString(2, RUN);
                update.executeUpdate();
                c.commit();
                COMMITTED.put(epoch, System.currentTimeMillis());
                Thread.sleep(EPOCH_EVERY_MILLIS);
            }
        } catch (Exception e) {
            if (publishing) {
                LOG.error("epoch publisher stopped", e);
            }
        }
    }

    @Test
    void sweepAndRunPagesRenderInSecondsAndDrawNewEpochsLiveWhileARunFinishesThreeEpochsASecond() throws Exception {
        List<Long> renders = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        for (int visit = 0; visit < 8; visit++) {
            boolean sweepPage = visit % 2 == 0;
            String chart = sweepPage ? "acc-chart" : "run-acc-chart";
            long t0 = System.nanoTime();
            driver.get("about:blank");
            driver.get(dashboardUrl() + (sweepPage ? "#/sweeps/" : "#/runs/") + (sweepPage ? SWEEP : RUN));
            String what = (sweepPage ? "sweep" : "run") + " page, visit " + (visit + 1) + ", renders its runs and curves within " + RENDER_LIMIT;
            try {
                waitUntil(what, () -> maxEpochDrawn(chart)[0] > 0 && (!sweepPage || !driver.findElements(By.cssSelector("a.run-link")).isEmpty()),
                        RENDER_LIMIT);
            } catch (TimeoutException e) {
                throw new AssertionError("not met: " + what + "; the dashboard counts " + sseClients()
                        + " open SSE streams with one page open (pages left behind still connected?)", e);
            }
            renders.add((System.nanoTime() - t0) / 1_000_000);
            for (int i = 0; i < 3; i++) {
                live.add(nextEpochLatency(chart));
            }
        }
        List<Long> sorted = live.stream().sorted().toList();
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        LOG.info("one run finishing an epoch every {} ms: 8 full page loads (sweep, run, sweep, ...) rendered in {} ms;"
                + " epoch committed -> drawn (browser clock), {} epochs: median {} ms, p95 {} ms, max {} ms: {}",
                EPOCH_EVERY_MILLIS, renders, live.size(), sorted.get(sorted.size() / 2), p95, sorted.get(sorted.size() - 1), live);
        assertThat(p95).as("p95 of epoch committed -> point drawn, ms").isLessThan(1000);
        waitUntil("only the open page holds a live stream", () -> sseClients() == 1, Duration.ofSeconds(5));
        assertThat(Chromium.scriptProblems(driver)).as("CSP violations or script errors in the browser console").isEmpty();
    }

    @Test
    void aPageRestoredByTheBackButtonDrawsNewEpochsAgain() throws Exception {
        driver.get("about:blank");
        driver.get(dashboardUrl() + "#/sweeps/" + SWEEP);
        waitUntil("the sweep page renders", () -> maxEpochDrawn("acc-chart")[0] > 0, RENDER_LIMIT);
        js("window.__notReloaded = true;");
        driver.get("about:blank");
        Thread.sleep(2 * EPOCH_EVERY_MILLIS);
        driver.navigate().back();
        waitUntil("the sweep page is back", () -> !driver.findElements(By.id("acc-chart")).isEmpty(), RENDER_LIMIT);
        assertThat(js("return window.__notReloaded === true;")).as("restored from the back/forward cache, not reloaded").isEqualTo(true);
        long latency = nextEpochLatency("acc-chart");
        assertThat(Chromium.text(driver, By.id("live-status"))).isEqualTo("● live");
        LOG.info("restored from the back/forward cache: next epoch drawn {} ms after its commit", latency);
        waitUntil("the restored page holds one live stream", () -> sseClients() == 1, Duration.ofSeconds(5));
        assertThat(Chromium.scriptProblems(driver)).as("CSP violations or script errors in the browser console").isEmpty();
    }

    @Test
    void goingBackAndForthBetweenSweepAndRunPagesInTheAppKeepsOneStream() throws Exception {
        driver.get("about:blank");
        driver.get(dashboardUrl() + "#/sweeps/" + SWEEP);
        waitUntil("the sweep page renders", () -> maxEpochDrawn("acc-chart")[0] > 0, RENDER_LIMIT);
        List<Long> renders = new ArrayList<>();
        List<Integer> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            Chromium.click(driver, By.cssSelector("a.run-link"));
            waitUntil("the run page renders", () -> maxEpochDrawn("run-acc-chart")[0] > 0, RENDER_LIMIT);
            streams.add(sseClients());
            Chromium.click(driver, By.id("run-sweep-link"));
            waitUntil("the sweep page renders", () -> maxEpochDrawn("acc-chart")[0] > 0 && !driver.findElements(By.cssSelector("a.run-link")).isEmpty(),
                    RENDER_LIMIT);
            streams.add(sseClients());
            renders.add((System.nanoTime() - t0) / 1_000_000);
        }
        LOG.info("in-app sweep -> run -> sweep, 6 times: {} ms; open SSE streams counted by the dashboard after each page: {}", renders, streams);
        nextEpochLatency("acc-chart");
        waitUntil("only the open page holds a live stream", () -> sseClients() == 1, Duration.ofSeconds(5));
        assertThat(Chromium.scriptProblems(driver)).as("CSP violations or script errors in the browser console").isEmpty();
    }

    /** Waits for the chart to draw a newer epoch and returns how long after its commit it was drawn. */
    private static long nextEpochLatency(String chart) {
        long before = maxEpochDrawn(chart)[0];
        long[] drawn = new long[2];
        waitUntil("a new epoch appears in " + chart + " within 3 s", () -> {
            long[] now = maxEpochDrawn(chart);
            drawn[0] = now[0];
            drawn[1] = now[1];
            return now[0] > before;
        }, Duration.ofSeconds(3));
        return drawn[1] - COMMITTED.get((int) drawn[0]);
    }

    private static long[] maxEpochDrawn(String chart) {
        if (driver.findElements(By.id(chart)).isEmpty()) {
            return new long[]{0, 0};
        }
        List<?> r = (List<?>) ((JavascriptExecutor) driver).executeScript(MAX_EPOCH_DRAWN, chart);
        return new long[]{((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue()};
    }

    /** The dashboard's own count of open SSE streams ({@code atelier_dashboard_sse_clients}). */
    private static int sseClients() {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboardUrl() + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("atelier_dashboard_sse_clients ")).findFirst()
                    .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).orElse(-1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dashboardUrl() {
        return "http://127.0.0.1:" + dashboard.port() + "/";
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
        Chromium.waitUntil(driver, what, condition, timeout);
    }
}
