package dev.vigil.common.check;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of a {@link BrowserCheck}.
 *
 * @param action    what the step does
 * @param selector  a CSS selector, for the actions on an element
 * @param value     the URL (goto), text (fill), key name (press), option value (select), URL fragment (waitForUrl)
 *                  or expected text (assertText, assertTitle: contained)
 * @param timeoutMs how long the step may take; null for the default
 */
public record BrowserStep(Action action, String selector, String value, Integer timeoutMs) {

    /** The steps a browser check may take: a fixed list, so no tenant code is ever evaluated. */
    public enum Action {
        @JsonProperty("goto") GOTO(false, true),
        @JsonProperty("click") CLICK(true, false),
        @JsonProperty("fill") FILL(true, true),
        @JsonProperty("press") PRESS(false, true),
        @JsonProperty("select") SELECT(true, true),
        @JsonProperty("waitForSelector") WAIT_FOR_SELECTOR(true, false),
        @JsonProperty("waitForUrl") WAIT_FOR_URL(false, true),
        @JsonProperty("assertText") ASSERT_TEXT(true, true),
        @JsonProperty("assertVisible") ASSERT_VISIBLE(true, false),
        @JsonProperty("assertTitle") ASSERT_TITLE(false, true);

        private final boolean needsSelector;
        private final boolean needsValue;

        Action(boolean needsSelector, boolean needsValue) {
            this.needsSelector = needsSelector;
            this.needsValue = needsValue;
        }

        public boolean needsSelector() {
            return needsSelector;
        }

        public boolean needsValue() {
            return needsValue;
        }
    }
}
