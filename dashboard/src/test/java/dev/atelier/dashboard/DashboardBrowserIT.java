package dev.atelier.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in headless Chromium against the real platform (PostgreSQL, Kafka, orchestrator, a DJL worker):
 * a person submits a sweep from the form, watches its curves grow, opens the best run's confusion matrix, gets the
 * server's message next to a bad field, and sees a hostile sweep name as plain text. Screenshots go to
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserIT.class);
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";

    /** A screenshot of the page as it was when a test failed, next to the others. */
    @RegisterExtension
    static final TestWatcher SHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                shot("FAILED-" + context.getRequiredTestMethod().getName());
                LOG.error("{} failed at {}; console: {}", context.getRequiredTestMethod().getName(), js("return location.href;"), scriptProblems());
                Object probe = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "const t0 = performance.now(); const id = location.hash.split('/')[2];"
                        + "const timer = setTimeout(() => done('fetch pending after 5 s; view=' + document.getElementById('view').innerHTML.slice(0, 120)), 5000);"
                        + "fetch('/api/sweeps/' + id).then(r => r.text()).then(t => { clearTimeout(timer); done('fetch ok in ' + Math.round(performance.now() - t0) + ' ms: ' + t.slice(0, 80)); })"
                        + ".catch(e => { clearTimeout(timer); done('fetch failed: ' + e); });");
                LOG.error("probe: {}; resources: {}", probe, js("return performance.getEntriesByType('resource').slice(-15).map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.duration)).join(' | ');"));
            } catch (Exception e) {
                LOG.warn("no failure screenshot: {}", e.toString());
            }
        }
    };

    private static AtelierStack stack;
    private static WebDriver driver;
    private static String sweepId;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        Files.createDirectories(SHOTS);
        stack = new AtelierStack();
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void submitsASmallSweepFromTheFormAndSeesACurveGainPointsLive() throws Exception {
        open("#/new");
        WebElement lr = waitFor(By.id("opt-lr"));
        type(By.id("meta-name"), "e2e fcn lr sweep");
        type(By.id("opt-train_subset"), "1000");
        type(By.id("opt-epochs"), "5");
        type(By.id("opt-hidden"), "64");
        new Select(driver.findElement(By.id("mode-lr"))).selectByValue("grid");
        type(By.id("opt-lr"), "0.001,0.003");
        waitUntil("run count shows 2 runs", () -> driver.findElement(By.id("run-count")).getText().equals("This sweep will create 2 runs."));
        shot("new-sweep-form");
        Chromium.click(driver, By.id("submit-sweep"));

        WebElement token = waitFor(By.id("token-input"));
        waitUntil("the orchestrator's 401 makes the page ask for the API token", token::isDisplayed);
        assertThat(token.getAttribute("type")).isEqualTo("password");
        token.sendKeys(AtelierStack.TOKEN);
        Chromium.click(driver, By.id("token-ok"));

        waitUntil("the sweep page opens", () -> currentHash().startsWith("#/sweeps/"), Duration.ofSeconds(15));
        sweepId = currentHash().substring("#/sweeps/".length());
        waitFor(By.id("sweep-title"));
        assertThat(Chromium.text(driver, By.id("sweep-title"))).isEqualTo("e2e fcn lr sweep");
        assertThat(js("return sessionStorage.getItem('atelier.apiToken');")).isEqualTo(AtelierStack.TOKEN);
        assertThat(driver.getPageSource()).as("the token is never written into the page").doesNotContain(AtelierStack.TOKEN);
        js("window.__sameDocument = true;");
        int before = points("acc-chart");
        waitUntil("a new epoch appears in the accuracy chart", () -> points("acc-chart") > before, Duration.ofSeconds(120));
        int after = points("acc-chart");
        waitUntil("another epoch appears", () -> points("acc-chart") > after, Duration.ofSeconds(60));
        assertThat(js("return window.__sameDocument === true;")).as("the page was not reloaded").isEqualTo(true);
        LOG.info("accuracy chart grew live: {} -> {} -> {} points", before, after, points("acc-chart"));
        shot("sweep-live");
        assertThat(scriptProblems()).as("CSP violations or script errors in the browser console").isEmpty();
    }

    @Test
    @Order(2)
    void findsTheBestRunAndItsConfusionMatrixInTwoClicks() throws Exception {
        waitUntil("both runs complete", () -> completedRuns(sweepId) == 2, Duration.ofSeconds(240));
        open("#/sweeps");
        By link = By.cssSelector("tr[data-sweep-id='" + sweepId + "'] a.sweep-name");
        waitFor(link);
        Chromium.click(driver, link);
        waitUntil("best test accuracy is shown", () -> !driver.findElement(By.id("best-test")).getText().equals("–"));
        waitUntil("the parallel-coordinates chart is drawn", () -> !driver.findElements(By.cssSelector("#parallel-chart canvas")).isEmpty());
        Thread.sleep(500);
        Path sweepShot = shot("sweep-detail");
        Files.copy(sweepShot, SHOTS.resolve("dashboard-sweep.png"), StandardCopyOption.REPLACE_EXISTING);
        selectForCompare();

        Chromium.click(driver, By.cssSelector("a.best-run"), 1);
        WebElement confusion = waitFor(By.cssSelector("#confusion-chart canvas"));
        assertThat(confusion.isDisplayed()).isTrue();
        assertThat(Chromium.attribute(driver, By.id("confusion-chart"), "data-cells")).isEqualTo("100");
        assertThat(waitFor(By.id("per-class-chart")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.cssSelector("#artifacts-table a.button"))).isNotEmpty();
        shot("run-detail");
        assertThat(scriptProblems()).as("CSP violations or script errors in the browser console").isEmpty();
    }

    @Test
    @Order(3)
    void aBadValueGetsTheServersMessageNextToThatField() throws Exception {
        long sweepsBefore = count("SELECT count(*) FROM sweeps");
        open("#/new");
        waitFor(By.id("opt-lr"));
        type(By.id("meta-name"), "bad lr");
        type(By.id("opt-lr"), "-1");
        Chromium.click(driver, By.id("submit-sweep"));
        By lrError = By.cssSelector(".field-error[data-error-for='lr']");
        waitUntil("an error next to lr", () -> !driver.findElement(lrError).getText().isEmpty());
        assertThat(Chromium.text(driver, lrError)).contains("below the minimum").contains("allowed: number in [");
        assertThat(Chromium.attribute(driver, By.cssSelector(".option[data-key='lr']"), "class")).contains("has-error");
        assertThat(Chromium.text(driver, By.cssSelector(".field-error[data-error-for='epochs']"))).isEmpty();
        assertThat(count("SELECT count(*) FROM sweeps")).as("nothing was written").isEqualTo(sweepsBefore);
        assertThat(driver.findElement(By.id("token-dialog")).isDisplayed()).as("the token was asked for only once").isFalse();
        shot("bad-value");
    }

    @Test
    @Order(4)
    void aSweepNamedWithMarkupIsRenderedAsPlainText() throws Exception {
        open("#/new");
        waitFor(By.id("opt-lr"));
        type(By.id("meta-name"), HOSTILE_NAME);
        type(By.id("opt-max_batches"), "1");
        type(By.id("opt-epochs"), "1");
        submitSweep();
        waitUntil("the sweep page opens", () -> currentHash().startsWith("#/sweeps/") && !currentHash().endsWith(sweepId), Duration.ofSeconds(15));
        waitFor(By.id("sweep-title"));
        assertThat(Chromium.text(driver, By.id("sweep-title"))).isEqualTo(HOSTILE_NAME);
        assertThat(driver.findElements(By.cssSelector("#sweep-title img"))).isEmpty();

        open("#/sweeps");
        waitUntil("the list shows the sweep", () -> driver.findElements(By.cssSelector("a.sweep-name")).stream()
                .anyMatch(a -> a.getText().equals(HOSTILE_NAME)));
        assertThat(driver.findElements(By.cssSelector("#sweeps-table img"))).isEmpty();
        assertNoAlert();
        shot("hostile-name");
        assertThat(scriptProblems()).as("CSP violations or script errors in the browser console").isEmpty();
    }

    private void selectForCompare() throws Exception {
        By boxes = By.cssSelector("input.select-run");
        Chromium.click(driver, boxes, 0);
        Chromium.click(driver, boxes, 1);
        waitUntil("the comparison shows the diffed option", () -> driver.findElements(By.cssSelector("#compare-table tr.differs td"))
                .stream().anyMatch(td -> td.getText().equals("lr")));
        shot("compare");
    }

    @Test
    @Order(5)
    void aSweepOfTwoHundredRunsAndFiftyEpochsRendersAndStaysResponsive() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl, stack.postgres.user(), stack.postgres.password())) {
            c.createStatement().execute("""
                    INSERT INTO sweeps (id, name, spec, state, created_at, finished_at)
                      VALUES ('big', 'two hundred runs', '{}', 'finished', now() - interval '2 hours', now());
                    INSERT INTO runs (id, sweep_id, idx, config, state, last_epoch, best_val_acc, test_acc)
                      SELECT 'big-' || i, 'big', i, jsonb_build_object('architecture', CASE WHEN i % 2 = 0 THEN 'fcn' ELSE 'cnn' END,
                             'lr', 0.0001 * (1 + i), 'dropout', (i % 5) / 10.0), 'completed', 50, 0.8 + i / 2000.0, 0.79 + i / 2000.0
                      FROM generate_series(0, 199) i;
                    INSERT INTO epoch_metrics (run_id, attempt, epoch, train_loss, train_acc, val_loss, val_acc, lr, epoch_seconds, images_per_second)
                      SELECT 'big-' || i, 1, e, 1.0 / e, 0.6 + e / 200.0, 1.2 / e, 0.6 + e / 250.0 + i / 4000.0, 0.001, 1, 1
                      FROM generate_series(0, 199) i, generate_series(1, 50) e;
                    """);
        }
        open("#/sweeps");
        long start = System.nanoTime();
        js("location.hash = '#/sweeps/big';");
        waitUntil("10,000 points drawn", () -> points("acc-chart") == 200 * 50 && points("loss-chart") == 200 * 50, Duration.ofSeconds(30));
        waitFor(By.cssSelector("#runs-table tr[data-run-id='big-199']"));
        long renderMillis = (System.nanoTime() - start) / 1_000_000;
        Object filterMillis = js("""
                const input = document.getElementById('runs-filter');
                const t = performance.now();
                input.value = 'architecture=cnn test_acc>0.85';
                input.dispatchEvent(new Event('input'));
                return performance.now() - t;""");
        int shown = driver.findElements(By.cssSelector("#runs-table tbody tr")).size();
        LOG.info("200 runs x 50 epochs: page with both charts drawn in {} ms; filter re-rendered the table in {} ms ({} rows)",
                renderMillis, filterMillis, shown);
        assertThat(shown).as("cnn runs (odd idx) with test_acc > 0.85 (idx > 120)").isEqualTo(40);
        assertThat(renderMillis).isLessThan(10_000);
        assertThat(((Number) filterMillis).doubleValue()).isLessThan(1000);
        shot("big-sweep");
        assertThat(js("document.getElementById('runs-filter').value = ''; document.getElementById('runs-filter').dispatchEvent(new Event('input'));"))
                .isNull();
        List<Long> latencies = new java.util.ArrayList<>();
        List<Long> received = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl, stack.postgres.user(), stack.postgres.password())) {
            for (int epoch = 51; epoch <= 70; epoch++) {
                int expected = 200 * 50 + epoch - 50;
                c.createStatement().execute("INSERT INTO epoch_metrics (run_id, attempt, epoch, train_loss, train_acc, val_loss, val_acc, lr,"
                        + " epoch_seconds, images_per_second) VALUES ('big-" + (epoch * 7 % 200) + "', 1, " + epoch + ", 0.1, 0.9, 0.1, 0.9, 0.001, 1, 1)");
                long committed = System.currentTimeMillis();
                waitUntil("epoch " + epoch + " drawn", () -> points("acc-chart") >= expected, Duration.ofSeconds(10));
                latencies.add(Long.parseLong(Chromium.attribute(driver, By.id("acc-chart"), "data-rendered-at")) - committed);
                received.add(Long.parseLong(Chromium.attribute(driver, By.id("acc-chart"), "data-received-at")) - committed);
            }
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        long p95 = sorted.get(18);
        LOG.info("epoch committed -> point drawn (browser clock) in the open 200-run sweep page, 20 epochs: median {} ms, p95 {} ms, max {} ms;"
                + " drawn {}; event received by the page {}", sorted.get(10), p95, sorted.get(19), latencies, received);
        assertThat(p95).as("p95 of 20 insert -> drawn latencies, ms").isLessThan(1000);
        assertThat(scriptProblems()).as("CSP violations or script errors in the browser console").isEmpty();
    }

    @Test
    @Order(6)
    void aRunIsCancelledAndRetriedFromItsPage() throws Exception {
        open("#/new");
        waitFor(By.id("opt-lr"));
        type(By.id("meta-name"), "long run to cancel");
        type(By.id("opt-train_subset"), "1000");
        type(By.id("opt-epochs"), "200");
        submitSweep();
        waitUntil("the sweep page opens", () -> currentHash().startsWith("#/sweeps/") && !driver.findElements(By.cssSelector("a.run-link")).isEmpty(),
                Duration.ofSeconds(30));
        Chromium.click(driver, By.cssSelector("a.run-link"));
        By state = By.cssSelector("h1 .state");
        waitUntil("the run is running", () -> driver.findElement(state).getText().equals("running"), Duration.ofSeconds(120));
        Chromium.click(driver, By.id("run-cancel"));
        waitUntil("the run is cancelled", () -> driver.findElement(state).getText().equals("cancelled"), Duration.ofSeconds(60));
        shot("run-cancelled");
        Chromium.click(driver, By.id("run-retry"));
        waitUntil("the run is queued again", () -> !driver.findElement(state).getText().equals("cancelled"), Duration.ofSeconds(30));
        waitUntil("the run page shows the second attempt", () -> Chromium.text(driver, By.cssSelector(".facts")).contains("attempt 2 of"),
                Duration.ofSeconds(15));
        Chromium.click(driver, By.id("run-cancel"));
        waitUntil("the retried run is cancelled", () -> driver.findElement(state).getText().equals("cancelled"), Duration.ofSeconds(60));
    }

    @Test
    @Order(7)
    void theWorkersPageShowsTheLiveWorker() throws Exception {
        open("#/workers");
        waitUntil("worker-e2e is listed", () -> driver.findElements(By.cssSelector("#workers-table tbody tr")).stream()
                .anyMatch(tr -> tr.getText().contains("worker-e2e") && tr.getText().contains("cpu")));
        shot("workers");
        assertThat(scriptProblems()).as("CSP violations or script errors in the browser console").isEmpty();
    }

    private static List<String> scriptProblems() {
        return Chromium.scriptProblems(driver);
    }

    /** Submits the new-sweep form, giving the API token if this browser tab has not given it yet. */
    private static void submitSweep() {
        Chromium.click(driver, By.id("submit-sweep"));
        waitUntil("the sweep is submitted or the token is asked for", () -> currentHash().startsWith("#/sweeps/")
                || driver.findElement(By.id("token-dialog")).isDisplayed());
        if (driver.findElement(By.id("token-dialog")).isDisplayed()) {
            driver.findElement(By.id("token-input")).sendKeys(AtelierStack.TOKEN);
            Chromium.click(driver, By.id("token-ok"));
        }
    }

    private static void assertNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert opened: markup in a sweep name was executed");
        } catch (NoAlertPresentException expected) {
            // the name stayed text
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl, stack.postgres.user(), stack.postgres.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long completedRuns(String sweep) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl, stack.postgres.user(), stack.postgres.password());
             var st = c.prepareStatement("SELECT count(*) FROM runs WHERE sweep_id = ? AND state = 'completed'")) {
            st.setString(1, sweep);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int points(String chartId) {
        String v = Chromium.attribute(driver, By.id(chartId), "data-points");
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** Loads the page afresh at {@code hash} (a plain hash change to the current hash would keep the old page). */
    private static void open(String hash) {
        driver.get("about:blank");
        driver.get(stack.dashboardUrl() + hash);
    }

    private static String currentHash() {
        return String.valueOf(js("return location.hash;"));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static void type(By by, String text) {
        WebElement el = waitFor(by);
        el.clear();
        el.sendKeys(text);
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        waitUntil(what, condition, Duration.ofSeconds(15));
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier condition, Duration timeout) {
        Chromium.waitUntil(driver, what, condition, timeout);
    }

    private static Path shot(String name) throws java.io.IOException {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SHOTS.resolve(name + ".png");
        Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
