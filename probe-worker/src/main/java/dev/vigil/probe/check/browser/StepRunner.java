package dev.vigil.probe.check.browser;

import dev.vigil.common.check.BrowserStep;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Carries out one declarative {@link BrowserStep} with Selenium's own commands (no script of the tenant's is ever
 * evaluated), within the step's timeout. A step that fails throws {@link StepFailed} with a message a person can act
 * on.
 */
final class StepRunner {

    private static final Map<String, Keys> KEY_ALIASES = Map.of("ESC", Keys.ESCAPE, "DEL", Keys.DELETE,
            "UP", Keys.ARROW_UP, "DOWN", Keys.ARROW_DOWN, "LEFT", Keys.ARROW_LEFT, "RIGHT", Keys.ARROW_RIGHT);

    private final ChromeDriver driver;

    StepRunner(ChromeDriver driver) {
        this.driver = driver;
    }

    void run(BrowserStep step, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        try {
            switch (step.action()) {
                case GOTO -> {
                    driver.manage().timeouts().pageLoadTimeout(timeout);
                    driver.get(step.value());
                    Object status = driver.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                            + " return n ? n.responseStatus : null;");
                    if (status instanceof Number code && code.intValue() >= 400) {
                        throw new StepFailed("the page answered HTTP " + code.intValue(), false);
                    }
                }
                case CLICK -> wait.until(ExpectedConditions.elementToBeClickable(css(step))).click();
                case FILL -> {
                    WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(css(step)));
                    field.clear();
                    field.sendKeys(step.value());
                }
                case PRESS -> {
                    CharSequence key = key(step.value());
                    if (step.selector() == null || step.selector().isBlank()) {
                        driver.switchTo().activeElement().sendKeys(key);
                    } else {
                        wait.until(ExpectedConditions.visibilityOfElementLocated(css(step))).sendKeys(key);
                    }
                }
                case SELECT -> select(new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(css(step)))),
                        step.value());
                case WAIT_FOR_SELECTOR -> wait.until(ExpectedConditions.visibilityOfElementLocated(css(step)));
                case WAIT_FOR_URL -> wait.until(ExpectedConditions.urlContains(step.value()));
                case ASSERT_VISIBLE -> wait.until(ExpectedConditions.visibilityOfElementLocated(css(step)));
                case ASSERT_TEXT -> wait.until(ExpectedConditions.textToBePresentInElementLocated(css(step),
                        step.value()));
                case ASSERT_TITLE -> wait.until(ExpectedConditions.titleContains(step.value()));
            }
        } catch (TimeoutException e) {
            throw new StepFailed(timedOut(step, timeout), true);
        } catch (NoSuchElementException e) {
            throw new StepFailed("no element matches " + step.selector(), false);
        } catch (WebDriverException e) {
            throw new StepFailed(firstLine(e.getMessage()), false);
        }
    }

    /** Why a waiting step gave up, with what the page showed instead. */
    private String timedOut(BrowserStep step, Duration timeout) {
        String within = " within " + timeout.toMillis() + " ms";
        return switch (step.action()) {
            case GOTO -> "the page did not load" + within;
            case ASSERT_TEXT -> "expected text of " + step.selector() + " to contain \"" + step.value() + "\" but was \""
                    + clip(textOf(step)) + "\"" + within;
            case ASSERT_TITLE -> "expected the title to contain \"" + step.value() + "\" but was \""
                    + clip(safeTitle()) + "\"";
            case WAIT_FOR_URL -> "expected the URL to contain \"" + step.value() + "\" but was \""
                    + clip(safeUrl()) + "\"" + within;
            default -> "no visible element matches " + step.selector() + within;
        };
    }

    private String textOf(BrowserStep step) {
        try {
            return driver.findElement(css(step)).getText();
        } catch (WebDriverException e) {
            return "(no element matches " + step.selector() + ")";
        }
    }

    private String safeTitle() {
        try {
            return driver.getTitle();
        } catch (WebDriverException e) {
            return "?";
        }
    }

    private String safeUrl() {
        try {
            return driver.getCurrentUrl();
        } catch (WebDriverException e) {
            return "?";
        }
    }

    private static void select(Select select, String value) {
        try {
            select.selectByValue(value);
        } catch (NoSuchElementException e) {
            select.selectByVisibleText(value);
        }
    }

    private static By css(BrowserStep step) {
        return By.cssSelector(step.selector());
    }

    /** A key by name ("Enter", "Tab", "ArrowDown"), or the text itself when it names no key. */
    static CharSequence key(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace("ARROW", "ARROW_").replace("ARROW__", "ARROW_")
                .replace("PAGE", "PAGE_").replace("PAGE__", "PAGE_");
        if (KEY_ALIASES.containsKey(upper)) {
            return KEY_ALIASES.get(upper);
        }
        try {
            return Keys.valueOf(upper);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private static String clip(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() <= 120 ? t : t.substring(0, 119) + "…";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "browser error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A step that did not do what it says. */
    static final class StepFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        StepFailed(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }
}
