// Runs before the page paints (not deferred, no inline script under the CSP): the theme chosen on this browser, if
// any, so a dark page never flashes light. Without a choice the stylesheet follows prefers-color-scheme.
(function () {
    'use strict';
    try {
        var theme = window.localStorage.getItem('vigil-theme');
        if (theme === 'dark' || theme === 'light') {
            document.documentElement.setAttribute('data-theme', theme);
        }
    } catch (e) {
        // Storage refused (private mode): the system preference applies.
    }
}());
