package dev.camelampenet.simulator;

import dev.camelampenet.simulator.control.Faults;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console in a real browser: headless Chromium from the system (Debian packages {@code chromium} and
 * {@code chromium-driver}), driven by Selenium through the system's chromedriver, so nothing is downloaded when the
 * test runs. SMS go in through the API while the page is open; the test waits for them to appear, opens one, and
 * keeps a screenshot in {@code target/console-screenshot.png}.
 * <p>
 * Without Chromium the test is skipped with the reason, except under CI ({@code CI=true}), where {@code .ci/run}
 * installs it and its absence is a failure: the acceptance criterion is that this test runs there.
 */
@Timeout(60)
class ConsoleBrowserTest {

    private static final String SECRET = "Wm4Qz8Rt1Yp6Ln3Kv9Hs2Dj7Fb5Xc0Ga";
    private static final String TOKEN = "5|" + SECRET;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "console-screenshot.png");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * The test uses no DevTools protocol, so Selenium's warning that it has no CDP classes for this Chromium's
     * version is noise. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    /** Why the tests are skipped (no Chromium outside CI), or null when the browser runs. */
    private static String skipped;
    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path profile;

    private AmpenetSimulator sim;
    private RawApi api;
    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                missing.add(program.toString());
            }
        }
        if (!missing.isEmpty()) {
            String why = "The console's browser test needs " + String.join(" and ", missing)
                    + " (Debian packages chromium and chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ". CI=true, where .ci/run installs them: this build machine is broken.");
            }
            // each test reports itself skipped with this reason (an aborted @BeforeAll would only make them vanish)
            skipped = why + "; skipped outside CI. Install them with: apt-get install chromium chromium-driver";
            System.err.println(skipped);
            return;
        }
        // The driver is named twice (property and service) so Selenium Manager is never asked to find, and so
        // never downloads, a driver or a browser.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
        profile = Files.createTempDirectory("console-test-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--window-size=1400,900",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openConsole() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
        sim = SIM.simulator();
        api = new RawApi(sim.baseUrl(), TOKEN);
        wait = new WebDriverWait(browser, WAIT);
        browser.get(sim.consoleUrl() + "#outbox");
        browser.navigate().refresh(); // the same URL with a new simulator behind it: start from a fresh page
        wait.until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
    }

    /**
     * The rows of a table as one snapshot taken inside the page (class and text of each), so a refresh of the live
     * table between two reads cannot leave the test holding rows the page has replaced: the console redraws its tables
     * every second, and a WebElement read after that is stale.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> rows(String css) {
        return (List<Map<String, String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                        + ".map(r => ({cls: r.className || '', text: r.innerText}));", css);
    }

    private List<Map<String, String>> outboxRows() {
        return rows("#outbox-rows tr");
    }

    private static String text(Map<String, String> row) {
        return row.get("text");
    }

    /** Clicks the element the selector finds, again if a redraw replaced it between the find and the click. */
    private void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** The text of an element found afresh, so a redraw cannot make it stale. */
    private String textOf(String id) {
        return wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.id(id)).getText());
    }

    private String send(String to, String sender, String text) {
        Reply r = api.post("/sms/send", body("recipient", to, "sender_id", sender, "message", text));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().isArray() ? r.data().get(0).path("uid").asText() : r.data().path("uid").asText();
    }

    /** Acceptance: SMS sent through the API appear on the open page, newest first; one opens with its request. */
    @Test
    void sentMessagesAppearLiveAndOpenWithTheRequestThatCreatedThem() throws IOException {
        assertThat(browser.findElement(By.id("outbox-empty")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("base-url")).getText()).isEqualTo(sim.baseUrl());

        String group = api.post("/contacts", body("name", "Customers")).data().path("uid").asText();
        api.post("/contacts/" + group + "/store", body("PHONE", "255712345678", "FIRST_NAME", "Asha", "LAST_NAME", "Mushi"));
        api.post("/contacts/" + group + "/store", body("PHONE", "255754000111", "FIRST_NAME", "Baraka", "LAST_NAME", "Juma"));
        send("255712345678", "AMPENET", "Habari Asha, your order 1042 is ready for pickup at the Kariakoo branch.");
        String longText = "Dear customer, your electricity token for meter 0412 7788 is 5521-0987-3344-1200-7765. "
                + "Units: 48.6 kWh. Thank you for paying with Ampenet. Reply STOP to opt out.";
        String longUid = send("255754000111", "TANESCO", longText);
        String undelivered = send("255765000333", "AMPENET", "Reminder: your appointment is tomorrow at 09:00.");
        send("255712345678,255754000111", "AMPENET", "Karibu! Tafadhali thibitisha miadi yako ya kesho 😊");
        Reply refused = api.post("/sms/send", body("recipient", "12", "message", "to a bad number"));
        assertThat(refused.outcome()).isEqualTo("error");
        new RawApi(sim.controlUrl(), null).post("/messages/" + undelivered + "/status", body("status", "Undelivered"));
        sim.receive(TOKEN, "255712345678", "YES");

        wait.until(d -> outboxRows().size() == 6);
        List<Map<String, String>> outbox = outboxRows();
        assertThat(text(outbox.get(0))).as("newest first").contains("YES");
        assertThat(text(outbox.get(5))).contains("255712345678").contains("Habari Asha").contains("GSM-7")
                .contains("Delivered");
        assertThat(text(outbox.get(1))).contains("UCS-2");
        wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#outbox-rows tr[data-uid='" + undelivered + "']")).getText().contains("Undelivered"));
        assertThat(textOf("count-errors")).isEqualTo("1 error");
        assertThat(textOf("balance")).isEqualTo("9,994"); // 5 SMS, one of 2 segments

        click(By.cssSelector("#outbox-rows tr[data-uid='" + longUid + "']"));

        wait.until(ExpectedConditions.textToBe(By.id("message-text"), longText));
        wait.until(d -> textOf("message-body").contains("POST /api/v3/sms/send"));
        assertThat(textOf("message-body")).contains("TANESCO").contains("255754000111").contains("Bearer 5|****")
                .contains("Your message was successfully delivered").contains("Segments\n2");
        assertThat(browser.getPageSource()).doesNotContain(SECRET);

        assertThat(browser.findElement(By.id("notice")).getAttribute("class")).as("no error shown").doesNotContain("error");
        wait.until(d -> d.findElements(By.cssSelector("#outbox-rows tr.fresh")).isEmpty()); // the new-row highlight is over
        saveScreenshot();
    }

    /** Thousands of messages: the outbox is a page at a time, newest first, with the total. */
    @Test
    void thousandsOfMessagesArePaged() {
        for (int i = 1; i <= 2500; i++) {
            sim.receive(TOKEN, "255712345678", "inbound " + i);
        }

        wait.until(ExpectedConditions.textToBe(By.id("outbox-range"), "1–50 of 2,500"));
        List<Map<String, String>> page = outboxRows();
        assertThat(page).hasSize(50);
        assertThat(text(page.get(0))).contains("inbound 2500");

        click(By.cssSelector(".pager[data-list='outbox'] [data-page='next']"));

        wait.until(ExpectedConditions.textToBe(By.id("outbox-range"), "51–100 of 2,500"));
        assertThat(text(outboxRows().get(0))).contains("inbound 2450");
        browser.findElement(By.id("outbox-search")).sendKeys("inbound 1234");
        wait.until(ExpectedConditions.textToBe(By.id("outbox-range"), "1–1 of 1"));
    }

    /** The journal tab lists the API requests with errors highlighted; a request opens with both bodies. */
    @Test
    void theJournalHighlightsErrors() {
        api.get("/balance");
        api.post("/sms/send", body("recipient", "12", "message", "to a bad number"));
        sim.nextFault(Fault.HTTP_500, 1, null);
        assertThat(api.get("/me").status).isEqualTo(500);

        click(By.id("tab-btn-journal"));

        wait.until(d -> rows("#journal-rows tr").size() == 3);
        List<Map<String, String>> rows = rows("#journal-rows tr");
        assertThat(rows.get(0).get("cls")).contains("err");
        assertThat(text(rows.get(0))).contains("/api/v3/me").contains("500").contains("http-500");
        assertThat(rows.get(1).get("cls")).contains("err");
        assertThat(text(rows.get(1))).contains("/api/v3/sms/send");
        assertThat(rows.get(2).get("cls")).doesNotContain("err");

        click(By.cssSelector("#journal-rows tr:nth-child(2)"));
        wait.until(d -> textOf("journal-body").contains("12 is a invalid phone number"));
        assertThat(textOf("journal-body")).contains("\"recipient\": \"12\"").contains("Bearer 5|****");
        click(By.id("journal-errors"));
        wait.until(ExpectedConditions.textToBe(By.id("journal-range"), "1–2 of 2"));
    }

    /** The only writes on the page: the fault switches and reset, through the control API. */
    @Test
    void faultSwitchesAndResetGoThroughTheControlApi() {
        browser.findElement(By.id("tab-btn-faults")).click();
        WebElement form = browser.findElement(By.id("form-next"));
        new Select(form.findElement(By.name("fault"))).selectByValue("http-500");
        form.findElement(By.name("count")).clear();
        form.findElement(By.name("count")).sendKeys("2");
        form.findElement(By.name("path")).sendKeys("/sms/send");
        browser.findElement(By.id("fault-queue")).click();

        wait.until(d -> sim.pendingFaults().queued().size() == 1);
        assertThat(sim.pendingFaults().queued().get(0)).isEqualTo(new Faults.Queued("http-500", "/sms/send", 2));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-state"), "HTTP 500 for the next 2 requests under /sms/send"));
        assertThat(api.post("/sms/send", body("recipient", "255712345678", "message", "Hi")).status).isEqualTo(500);
        assertThat(api.get("/balance").status).as("only under the path").isEqualTo(200);

        WebElement random = browser.findElement(By.id("form-random"));
        random.findElement(By.name("latencyMillis")).clear();
        random.findElement(By.name("latencyMillis")).sendKeys("25");
        random.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> sim.faults().latencyMillis() == 25);

        browser.findElement(By.id("fault-clear")).click();
        wait.until(d -> sim.pendingFaults().queued().isEmpty() && sim.faults().equals(FaultSettings.NONE));

        api.post("/sms/send", body("recipient", "255712345678", "message", "Hi"));
        sim.setBalance(new BigDecimal("3"));
        browser.findElement(By.id("reset")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        // a reset replaces the accounts: a look in between finds none, so the wait looks again
        wait.ignoring(java.util.NoSuchElementException.class)
                .until(d -> sim.outboxSize() == 0 && sim.balance().compareTo(new BigDecimal("10000")) == 0);
        browser.findElement(By.id("tab-btn-outbox")).click();
        wait.until(d -> d.findElement(By.id("outbox-empty")).isDisplayed());
    }

    private static void saveScreenshot() throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
