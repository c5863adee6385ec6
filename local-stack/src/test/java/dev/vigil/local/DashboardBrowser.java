package dev.vigil.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the dashboard, as every {@code *BrowserIT} drives it: one copy of finding the browser, of the
 * person's steps (sign up, sign in, sign out, type, click) and of the screenshot with its axe-core check, so a race
 * fixed here is fixed for all of them. Each step waits for what it needs and for what it starts to finish: a click
 * returns before the navigation it starts has, so {@link #signOut()} waits for the sign-in page before the next step
 * may navigate (navigating first could cancel the sign-out, leaving the session signed in).
 */
final class DashboardBrowser implements AutoCloseable {

    /** How long a step waits for the page; generous, as the whole stack shares a small machine with Chromium. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String baseUrl;
    /** The window's size as started, which {@link #freshSession()} puts back. */
    private final Dimension startSize;
    private Path screenshots;
    private AxeCheck accessibility;

    private DashboardBrowser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.startSize = driver.manage().window().getSize();
    }

    /**
     * A browser and the driver of the same version, or null without one: {@code VIGIL_CHROME_BINARY} and
     * {@code VIGIL_CHROMEDRIVER} if set, else Debian's chromium and chromium-driver, else the Google Chrome and
     * chromedriver of GitHub's Ubuntu runners (which have no Debian chromium; their driver's folder is
     * {@code CHROMEWEBDRIVER}). Test classes skip (an assumption) when there is none.
     */
    static Path[] installed() {
        List<Path[]> candidates = new ArrayList<>();
        String binary = System.getenv("VIGIL_CHROME_BINARY");
        String driver = System.getenv("VIGIL_CHROMEDRIVER");
        if (binary != null && driver != null) {
            candidates.add(new Path[] {Path.of(binary), Path.of(driver)});
        }
        candidates.add(new Path[] {Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")});
        String runnerDrivers = System.getenv("CHROMEWEBDRIVER");
        if (runnerDrivers != null) {
            candidates.add(new Path[] {Path.of("/usr/bin/google-chrome"), Path.of(runnerDrivers, "chromedriver")});
        }
        return candidates.stream().filter(pair -> Files.isExecutable(pair[0]) && Files.isExecutable(pair[1]))
                .findFirst().orElse(null);
    }

    static boolean isInstalled() {
        return installed() != null;
    }

    /**
     * Starts the installed browser (named explicitly, with its driver, so Selenium Manager never tries to download
     * either) on {@code baseUrl}, the API's address.
     */
    static DashboardBrowser start(String baseUrl) {
        Path[] installed = installed();
        if (installed == null) {
            throw new IllegalStateException("no chromium and chromedriver installed; assume isInstalled() first");
        }
        System.setProperty("webdriver.chrome.driver", installed[1].toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed[0].toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,1000");
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(installed[1].toFile()).usingAnyFreePort().build(), options);
        // axe-core takes seconds per page on a busy machine; the driver's default script timeout is 30 s.
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        return new DashboardBrowser(driver, baseUrl);
    }

    /**
     * This browser as if just started, for the next test class that shares it: signed out (no cookies), nothing in
     * the dashboard's storage (the theme chosen), the window at its first size, on a blank page, and no accessibility
     * check or screenshot folder of the class before.
     *
     * @return this browser
     */
    DashboardBrowser freshSession() {
        // Cookies and storage are the current page's origin's: the dashboard's, where every test signs in.
        open("/login");
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        driver.manage().window().setSize(startSize);
        driver.get("about:blank");
        accessibility = null;
        screenshots = null;
        return this;
    }

    /**
     * The axe-core check {@link #checkAccessibility} and {@link #screenshot} run on each page (loaded here).
     *
     * @return this browser
     */
    DashboardBrowser checkedBy(AxeCheck check) throws IOException {
        check.load();
        this.accessibility = check;
        return this;
    }

    /**
     * Where {@link #screenshot} saves its pictures.
     *
     * @return this browser
     */
    DashboardBrowser screenshotsTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        this.screenshots = folder;
        return this;
    }

    /** The driver, for what a test does beyond these steps. */
    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The element once visible. */
    WebElement waitFor(By by) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Replaces the text of the field with that id, once it is visible. */
    void type(String id, String text) {
        WebElement field = waitFor(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        click(By.id(id));
    }

    /**
     * Clicks once the element can take it (visible and enabled). Live pages replace their parts when events arrive,
     * so an element found may be swapped out before the click reaches it: the click is then tried on the new one.
     */
    void click(By by) {
        new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** Waits until the address contains {@code part}: the end of a navigation a click started. */
    void waitForUrl(String part) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.urlContains(part));
    }

    /**
     * Signs up a new person with a workspace of their own through the form; answers the first API key, shown once
     * on the page the sign-up lands on.
     */
    String signUp(String email, String password, String workspace) {
        open("/signup");
        type("email", email);
        type("password", password);
        type("workspace", workspace);
        click("sign-up");
        return waitFor(By.id("new-key")).getText();
    }

    /** Signs in through the form and waits for the dashboard (its workspace switcher). */
    void signIn(String email, String password) {
        open("/login");
        type("username", email);
        type("password", password);
        click("sign-in");
        waitFor(By.id("workspace-switch"));
    }

    /**
     * Signs out with the header's button (from the monitor list when the current page has none) and waits for the
     * sign-in page: the click returns before the sign-out's POST and redirect have finished, and a navigation
     * started meanwhile would cancel it.
     */
    void signOut() {
        if (driver.findElements(By.id("sign-out")).isEmpty()) {
            open("/app/monitors");
        }
        click("sign-out");
        waitForUrl("/login");
    }

    /** Runs axe-core on the page in the light and the dark theme, then puts the page's theme back as it was. */
    void checkAccessibility(String name) throws IOException {
        inBothThemes(name, theme -> { });
    }

    /**
     * Runs axe-core on the page and saves a screenshot ({@code name.png}, {@code name-dark.png}), in the light and
     * the dark theme, then puts the page's theme back as it was.
     */
    void screenshot(String name) throws IOException {
        if (screenshots == null) {
            throw new IllegalStateException("call screenshotsTo(folder) first");
        }
        inBothThemes(name, theme -> {
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, screenshots.resolve(name + (theme.equals("dark") ? "-dark" : "") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        });
    }

    private interface ThemeStep {
        void in(String theme) throws IOException;
    }

    /**
     * Each theme both ways a page can take it: the dashboard's switch ({@code html[data-theme]}) and the system's
     * preference (emulated through the DevTools protocol), since the public status pages and the pages before
     * sign-in follow only the latter.
     */
    private void inBothThemes(String name, ThemeStep step) throws IOException {
        if (accessibility == null) {
            throw new IllegalStateException("call checkedBy(axeCheck) first");
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Object before = js.executeScript("return document.documentElement.getAttribute('data-theme');");
        try {
            for (String theme : List.of("light", "dark")) {
                preferColorScheme(theme);
                js.executeScript("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
                accessibility.check(driver, name + " (" + theme + ")");
                step.in(theme);
            }
        } finally {
            preferColorScheme("");
            js.executeScript("if (arguments[0]) { document.documentElement.setAttribute('data-theme', arguments[0]);"
                    + " } else { document.documentElement.removeAttribute('data-theme'); }", before);
        }
    }

    /** The {@code prefers-color-scheme} the page sees: light, dark, or "" for the browser's own again. */
    private void preferColorScheme(String scheme) {
        ((HasCdp) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
