package dev.logreg.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service as a person uses it, in Debian's Chromium (headless) driven by Debian's
 * chromedriver: train through Swagger UI's "Try it out", read the report, upload a CSV on the
 * index page. Nothing is downloaded: both binaries are given by path, so Selenium Manager never
 * runs. Without them the test is skipped, except on CI (the CI variable set), which installs them
 * and where their absence is a failure ({@code LOGREG_TEST_CHROMIUM} and
 * {@code LOGREG_TEST_CHROMEDRIVER} name them elsewhere). Every page must work under the service's
 * Content-Security-Policy: a violation fails the test. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LOGREG_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("LOGREG_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Pattern MODEL_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /**
     * Run in every page before its own scripts: records each Content-Security-Policy violation in
     * the tab's session storage, which survives the navigations between the service's pages.
     */
    static final String RECORD_CSP_VIOLATIONS = """
            document.addEventListener("securitypolicyviolation", function (event) {
              try {
                const seen = JSON.parse(sessionStorage.getItem("csp-violations") || "[]");
                seen.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
                  + " in " + event.documentURI + (event.sample ? ": " + event.sample : ""));
                sessionStorage.setItem("csp-violations", JSON.stringify(seen));
              } catch (unavailable) {
                // a page without storage (about:blank) is none of the service's
              }
            });
            """;

    static ChromeDriverService service;
    static WebDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!browserInstalled()) {
            return;
        }
        profile = Files.createTempDirectory("logreg-chromium-profile");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(service, options);
        ((ChromeDriver) browser)
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CSP_VIOLATIONS));
        Files.createDirectories(SCREENSHOTS);
    }

    /** Skipped without the browser, with the reason, on a developer's machine; failed on CI. */
    @BeforeEach
    void requireBrowser() {
        if (browserInstalled()) {
            return;
        }
        String missing = "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed:"
                + " apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null) {
            fail(missing + ". CI installs them in .ci/run, so their absence there is an error.");
        }
        Assumptions.abort(missing + "; skipping the browser test.");
    }

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
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
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    @Test
    void trainThroughSwaggerUiThenReadTheReportAndUploadACsvOnTheIndex() throws IOException {
        String id = trainWithTryItOut();
        assertNoContentSecurityPolicyViolation();
        readReport(id);
        assertNoContentSecurityPolicyViolation();
        uploadOnTheIndex();
        assertNoContentSecurityPolicyViolation();
    }

    /** The pages work under their own Content-Security-Policy: nothing they load or run was blocked. */
    private static void assertNoContentSecurityPolicyViolation() {
        Object violations =
                ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('csp-violations');");
        assertThat(violations)
                .as("Content-Security-Policy violations on %s", browser.getCurrentUrl())
                .isNull();
    }

    /** Swagger UI: expand POST /models, "Try it out" on the mtcars example, Execute, read the 201. */
    private String trainWithTryItOut() throws IOException {
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(base() + "/swagger-ui.html");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        String operation = "//div[contains(@class, 'opblock-post')][.//*[@data-path='/models']]";
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath(operation + "//*[contains(@class, 'opblock-summary-control')]")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath(operation + "//button[contains(@class, 'try-out__btn')]")))
                .click();
        WebElement body = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath(operation + "//textarea[contains(@class, 'body-param__text')]")));
        assertThat(body.getAttribute("value"))
                .as("the mtcars example is the default body")
                .contains("\"mtcars-am\"")
                .contains("\"featureNames\"");
        browser.findElement(By.xpath(operation + "//button[contains(@class, 'execute')]"))
                .click();
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(operation
                + "//table[contains(@class,"
                + " 'live-responses-table')]/tbody//td[contains(@class, 'response-col_status')]")));
        WebElement responseBody = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(operation
                + "//table[contains(@class, 'live-responses-table')]/tbody"
                + "//td[contains(@class, 'response-col_description')]//pre")));
        assertThat(status.getText().trim()).startsWith("201");
        Matcher id = MODEL_ID.matcher(responseBody.getText());
        assertThat(id.find())
                .as("the response names the model: %s", responseBody.getText())
                .isTrue();
        browser.manage().window().setSize(new Dimension(1400, 1300));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'start'});",
                        browser.findElement(By.xpath(operation + "//button[contains(@class, 'execute')]")));
        screenshot("swagger", false);
        return id.group(1);
    }

    /** The report: the coefficient table as R prints it, and three drawn plots. */
    private void readReport(String id) throws IOException {
        browser.get(base() + "/models/" + id + "/report");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coefficients")));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .contains("mtcars-am")
                .contains("converged");
        List<WebElement> rows = browser.findElements(By.cssSelector("#coefficients tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(cells(rows.get(0))).startsWith("(intercept)", "18.86630", "7.44356", "2.535", "0.01126", "*");
        assertThat(cells(rows.get(1))).startsWith("hp", "0.03626", "0.01773", "2.044", "0.04091", "*");
        assertThat(cells(rows.get(2))).startsWith("wt", "-8.08348", "3.06868", "-2.634", "0.00843", "**");
        for (String plot : List.of("roc-plot", "calibration-plot", "convergence-plot")) {
            WebElement svg = browser.findElement(By.id(plot));
            assertThat(svg.isDisplayed()).as(plot).isTrue();
            assertThat(svg.getRect().getWidth())
                    .as("%s is drawn at a readable size", plot)
                    .isGreaterThan(250);
            Number drawn = (Number) ((JavascriptExecutor) browser)
                    .executeScript(
                            "const line = document.querySelector('#'"
                                    + " + arguments[0] + ' .data polyline');"
                                    + " if (!line) return 0; const box = line.getBBox();"
                                    + " return box.width * box.height;",
                            plot);
            assertThat(drawn.doubleValue()).as("%s has a non-empty curve", plot).isGreaterThan(100);
            assertThat(svg.findElements(By.cssSelector(".tick-label")))
                    .as("%s has tick labels", plot)
                    .hasSizeGreaterThan(4);
        }
        assertThat(browser.findElement(By.id("roc-plot")).getText()).contains("AUC = 0.984");
        screenshot("report", true);
    }

    /** The index: choose a CSV file, its columns fill the label select, Train opens the new report. */
    private void uploadOnTheIndex() throws IOException {
        Path badCsv = Files.createTempFile("bad-", ".csv");
        Path goodCsv = Files.createTempFile("mtcars-upload-", ".csv");
        try {
            Files.writeString(badCsv, "hp,wt,am\n110,2.62,1\n110,heavy,0\n93,2.32,1\n");
            StringBuilder csv = new StringBuilder("hp,wt,am\n");
            double[][] rows = {
                {110, 2.62, 1},
                {110, 2.875, 1},
                {93, 2.32, 1},
                {110, 3.215, 0},
                {175, 3.44, 0},
                {105, 3.46, 0},
                {245, 3.57, 0},
                {62, 3.19, 0},
                {95, 3.15, 0},
                {66, 2.2, 1},
                {52, 1.615, 1},
                {113, 1.513, 1},
                {264, 3.17, 1},
                {335, 3.57, 1},
                {180, 4.07, 0},
                {97, 2.465, 0}
            };
            for (double[] row : rows) {
                csv.append(row[0])
                        .append(',')
                        .append(row[1])
                        .append(',')
                        .append((int) row[2])
                        .append('\n');
            }
            Files.writeString(goodCsv, csv);

            browser.get(base() + "/");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            browser.findElement(By.id("csv-file"))
                    .sendKeys(badCsv.toAbsolutePath().toString());
            wait.until(driver -> new Select(driver.findElement(By.id("label-column")))
                            .getOptions()
                            .size()
                    == 3);
            assertThat(new Select(browser.findElement(By.id("label-column")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("am");
            browser.findElement(By.id("train-button")).click();
            WebElement problem = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload-status .problem")));
            assertThat(problem.getText())
                    .contains("Invalid request")
                    .contains("line 3, column 'wt'")
                    .contains("not a number: 'heavy'");

            browser.findElement(By.id("csv-file"))
                    .sendKeys(goodCsv.toAbsolutePath().toString());
            wait.until(driver -> new Select(driver.findElement(By.id("label-column")))
                            .getFirstSelectedOption()
                            .getText()
                            .equals("am")
                    && driver.findElement(By.id("upload-status")).getText().isEmpty());
            new Select(browser.findElement(By.id("solver"))).selectByValue("lbfgs");
            browser.findElement(By.id("model-name")).sendKeys("uploaded-mtcars");
            browser.findElement(By.id("train-button")).click();
            wait.until(ExpectedConditions.urlMatches("/models/[0-9a-f-]{36}/report$"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coefficients")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("uploaded-mtcars");
            assertThat(browser.findElement(By.id("roc-plot")).isDisplayed()).isTrue();

            browser.get(base() + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("models")));
            WebElement newest = browser.findElement(By.cssSelector("#models tbody tr"));
            assertThat(newest.getText()).contains("uploaded-mtcars").contains("lbfgs");
            screenshot("index", true);
        } finally {
            Files.deleteIfExists(badCsv);
            Files.deleteIfExists(goodCsv);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream()
                .map(cell -> cell.getText().trim())
                .toList();
    }

    /** Saves {@code target/screenshots/<name>.png}; a full page is shot by growing the window to it. */
    private static void screenshot(String name, boolean fullPage) throws IOException {
        if (fullPage) {
            Number height = (Number) ((JavascriptExecutor) browser)
                    .executeScript(
                            "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;");
            browser.manage().window().setSize(new Dimension(1400, Math.min(8000, height.intValue())));
        }
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }
}
