package dev.logreg.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Nested;
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
import org.springframework.test.context.NestedTestConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    static final Path AIRQUALITY = Path.of("src", "test", "resources", "design", "airquality.json");
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

    static final String ADMIN_KEY = "browser-admin-key-7c2e91d04b";
    static final String READ_KEY = "browser-read-key-3a8f60e1c5";

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
            Files.writeString(goodCsv, mtcarsCsv());

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

    /**
     * With API keys on (issue 22 item 9): a page asks for a key, keeps it in the tab's session
     * storage and sends it as {@code X-API-Key}, for the pages and the CSV upload alike; a read key
     * sees the pages but may not train; a forgotten key is asked for again; an admin key uploads.
     */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "logreg.security.enabled=true",
                "logreg.security.admin-keys=" + ADMIN_KEY,
                "logreg.security.read-keys=" + READ_KEY
            })
    class WithApiKeys {

        @LocalServerPort
        int keyedPort;

        @Test
        void thePagesAskForAKeyKeepItForTheTabAndSendItAsTheHeader() throws Exception {
            String base = "http://127.0.0.1:" + keyedPort;
            String id = trainOverHttp(base);
            Path csv = Files.createTempFile("mtcars-keyed-", ".csv");
            try {
                Files.writeString(csv, mtcarsCsv());
                WebDriverWait wait = new WebDriverWait(browser, PATIENCE);

                browser.get(base + "/models/" + id + "/report");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("An API key is needed");
                screenshot("key-needed", false);
                enterKey(wait, READ_KEY);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coefficients")));
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/models/" + id + "/report");
                assertThat(browser.findElement(By.tagName("h1")).getText()).contains("mtcars-keyed");
                assertThat(browser.findElement(By.id("forget-key")).isDisplayed())
                        .isTrue();

                // The kept key opens the next page without asking; a read key may not train.
                browser.get(base + "/");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("models")));
                assertThat(browser.findElement(By.cssSelector("#models tbody tr"))
                                .getText())
                        .contains("mtcars-keyed");
                upload(wait, csv, "keyed-upload");
                WebElement problem = wait.until(
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload-status .problem")));
                assertThat(problem.getText()).contains("admin key");

                // Forgotten: asked again; an unknown key is refused; an admin key uploads.
                browser.findElement(By.id("forget-key")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
                enterKey(wait, "not-a-key-of-this-service");
                assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#key-status .problem")))
                                .getText())
                        .contains("does not know this key");
                browser.findElement(By.id("api-key")).clear();
                enterKey(wait, ADMIN_KEY);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-form")));
                upload(wait, csv, "keyed-upload");
                wait.until(ExpectedConditions.urlMatches("/models/[0-9a-f-]{36}/report$"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coefficients")));
                assertThat(browser.findElement(By.tagName("h1")).getText()).contains("keyed-upload");
                assertNoContentSecurityPolicyViolation();
                screenshot("report-with-key", false);
            } finally {
                Files.deleteIfExists(csv);
            }
        }

        private void enterKey(WebDriverWait wait, String key) {
            WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            field.sendKeys(key);
            browser.findElement(By.id("key-button")).click();
        }

        private void upload(WebDriverWait wait, Path csv, String name) {
            browser.findElement(By.id("csv-file")).sendKeys(csv.toAbsolutePath().toString());
            wait.until(driver -> new Select(driver.findElement(By.id("label-column")))
                    .getFirstSelectedOption()
                    .getText()
                    .equals("am"));
            WebElement nameField = browser.findElement(By.id("model-name"));
            nameField.clear();
            nameField.sendKeys(name);
            browser.findElement(By.id("train-button")).click();
        }

        /** Trains on the same sixteen cars over HTTP with the admin key; the model's id. */
        private String trainOverHttp(String base) throws IOException, InterruptedException {
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/models?label=am&name=mtcars-keyed"))
                                    .header("X-API-Key", ADMIN_KEY)
                                    .header("Content-Type", "text/csv")
                                    .POST(HttpRequest.BodyPublishers.ofString(mtcarsCsv()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Matcher id = MODEL_ID.matcher(created.body());
            assertThat(id.find()).isTrue();
            return id.group(1);
        }
    }

    /** Sixteen of mtcars' cars: hp, wt and am, a header row first. */
    static String mtcarsCsv() {
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
        return csv.toString();
    }

    /**
     * The index's formula box: R's airquality (in the repository's fixture, written as CSV with empty
     * cells for NA) uploaded with {@code high ~ Solar.R + Wind + Month} and Month read as a factor. A
     * misspelt column is refused naming it; the fit opens a report whose design card shows the
     * formula, the terms with R's column names, Month's levels with 5 as reference and the 42 rows
     * omitted, and whose coefficients are R's {@code glm(high ~ Solar.R + Wind + factor(Month))}.
     */
    @Test
    void uploadATableWithAFormulaAndReadItsDesignOnTheReport() throws IOException {
        JsonNode air = JsonMapper.builder().build().readTree(AIRQUALITY.toFile());
        Path table = Files.createTempFile("airquality-", ".csv");
        try {
            Files.writeString(table, csv(air.get("data")));
            browser.get(base() + "/");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            browser.findElement(By.id("csv-file"))
                    .sendKeys(table.toAbsolutePath().toString());
            wait.until(driver -> new Select(driver.findElement(By.id("label-column")))
                            .getOptions()
                            .size()
                    == 8);
            new Select(browser.findElement(By.id("label-column"))).selectByValue("high");
            assertThat(browser.findElement(By.id("formula")).getAttribute("placeholder"))
                    .isEqualTo("high ~ .");
            WebElement formula = browser.findElement(By.id("formula"));
            formula.sendKeys("high ~ Solar.R + Wnd + Month");
            browser.findElement(By.id("factor-columns")).sendKeys("Month");
            browser.findElement(By.id("train-button")).click();
            WebElement problem = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload-status .problem")));
            assertThat(problem.getText()).contains("formula").contains("unknown column Wnd");

            formula.clear();
            formula.sendKeys("high ~ Solar.R + Wind + Month");
            browser.findElement(By.id("model-name")).sendKeys("airquality-formula");
            browser.findElement(By.id("train-button")).click();
            wait.until(ExpectedConditions.urlMatches("/models/[0-9a-f-]{36}/report$"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("design")));
            assertThat(browser.findElement(By.id("design-facts")).getText())
                    .contains("high ~ Solar.R + Wind + Month")
                    .contains("Solar.R (number)")
                    .contains("omit: 42 rows omitted");
            List<WebElement> terms = browser.findElements(By.cssSelector("#design-terms tbody tr"));
            assertThat(terms).hasSize(3);
            assertThat(cells(terms.get(2))).containsExactly("Month", "4", "Month6, Month7, Month8, Month9");
            List<WebElement> factors = browser.findElements(By.cssSelector("#design-factors tbody tr"));
            assertThat(factors).hasSize(1);
            assertThat(cells(factors.get(0))).containsExactly("Month", "5", "5", "5, 6, 7, 8, 9");

            JsonNode expected = air.get("cases").get(0).get("expected").get("estimates");
            List<WebElement> rows = browser.findElements(By.cssSelector("#coefficients tbody tr"));
            assertThat(rows).hasSize(expected.size());
            assertThat(cells(rows.get(3)).get(0)).isEqualTo("Month6");
            for (int j = 0; j < rows.size(); j++) {
                double printed = Double.parseDouble(cells(rows.get(j)).get(1));
                assertThat(printed)
                        .as("estimate %d as R's glm", j)
                        .isCloseTo(expected.get(j).asDouble(), org.assertj.core.data.Offset.offset(5e-5));
            }
            screenshot("report-formula", true);
        } finally {
            Files.deleteIfExists(table);
        }
    }

    /** A fixture's table as CSV: a header, missing cells empty, logicals as R writes them. */
    private static String csv(JsonNode data) {
        List<String> columns = List.copyOf(data.propertyNames());
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (int i = 0; i < data.get(columns.get(0)).size(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                JsonNode cell = data.get(columns.get(c)).get(i);
                csv.append(c == 0 ? "" : ",");
                if (cell.isBoolean()) {
                    csv.append(cell.asBoolean() ? "TRUE" : "FALSE");
                } else if (!cell.isNull()) {
                    csv.append(cell.asString());
                }
            }
            csv.append('\n');
        }
        return csv.toString();
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
