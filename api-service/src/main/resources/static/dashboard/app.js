// Vigil dashboard behaviour. Everything works without it except live updates and charts: forms post normally.

// The person's time zone for absolute times: the one chosen on their account page (meta time-zone), else the
// browser's. A zone this browser does not know falls back to the browser's rather than failing.
function localTime(date) {
    'use strict';
    var meta = document.querySelector('meta[name="time-zone"]');
    var zone = meta ? meta.getAttribute('content') : null;
    if (zone) {
        try {
            return date.toLocaleString(undefined, {timeZone: zone, timeZoneName: 'short'});
        } catch (e) {
            // RangeError: unknown zone; show the browser's below
        }
    }
    return date.toLocaleString();
}

(function () {
    'use strict';

    function meta(name) {
        var el = document.querySelector('meta[name="' + name + '"]');
        return el ? el.getAttribute('content') : null;
    }

    // htmx requests that change something carry the CSRF token as a header, as forms carry it as a field.
    document.addEventListener('htmx:configRequest', function (event) {
        var header = meta('csrf-header');
        var token = meta('csrf-token');
        if (header && token && event.detail.verb !== 'get') {
            event.detail.headers[header] = token;
        }
    });

    // Selects marked data-autosubmit submit their form on change (the form keeps a button for keyboards).
    document.addEventListener('change', function (event) {
        if (event.target.matches('select[data-autosubmit]')) {
            event.target.form.submit();
        }
    });

    // Monitor form: show the fieldsets of the chosen type only, and disable the others so they are not sent.
    function showTypeFields() {
        var select = document.getElementById('type');
        if (!select) {
            return;
        }
        document.querySelectorAll('fieldset[data-types]').forEach(function (fieldset) {
            var on = fieldset.getAttribute('data-types').split(' ').indexOf(select.value) >= 0;
            fieldset.hidden = !on;
            fieldset.disabled = !on;
        });
    }

    document.addEventListener('change', function (event) {
        if (event.target.id === 'type') {
            showTypeFields();
        }
    });

    var palette = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2'];

    function drawCharts(root) {
        if (typeof Chart === 'undefined') {
            return;
        }
        root.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
            if (canvas.dataset.drawn) {
                return;
            }
            canvas.dataset.drawn = 'yes';
            var data = JSON.parse(canvas.getAttribute('data-series'));
            var datasets = data.series.map(function (series, i) {
                return {
                    label: series.label,
                    data: series.points.map(function (p) { return {x: p[0], y: p[1]}; }),
                    borderColor: palette[i % palette.length],
                    backgroundColor: palette[i % palette.length],
                    borderDash: series.label.indexOf('p99') >= 0 ? [2, 3]
                        : series.label.indexOf('p95') >= 0 ? [6, 3] : [],
                    pointRadius: series.points.length < 20 ? 2 : 0,
                    borderWidth: 1.5,
                    spanGaps: false
                };
            });
            new Chart(canvas, {
                type: 'line',
                data: {datasets: datasets},
                options: {
                    animation: false,
                    maintainAspectRatio: false,
                    parsing: false,
                    interaction: {mode: 'nearest', intersect: false},
                    scales: {
                        x: {type: 'linear', min: data.from, max: data.to, ticks: {callback: function (v) {
                            return new Date(v).toISOString().substring(data.range === '24h' ? 11 : 5, 16)
                                .replace('T', ' ');
                        }}},
                        y: {beginAtZero: true, title: {display: true, text: 'ms'}}
                    },
                    plugins: {legend: {position: 'bottom'}}
                }
            });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        showTypeFields();
        drawCharts(document);
    });
    window.addEventListener('load', function () {
        drawCharts(document);
    });
    document.addEventListener('htmx:afterSettle', function (event) {
        drawCharts(event.target);
    });
}());

// Monitor list: local times, relative times, tag colours, selection for bulk actions (app.js, no inline scripts).
(function () {
    'use strict';

    function relative(date, now) {
        var seconds = Math.max(0, Math.round((now - date) / 1000));
        if (seconds < 60) { return seconds + ' s ago'; }
        var minutes = Math.round(seconds / 60);
        if (minutes < 60) { return minutes + ' min ago'; }
        var hours = Math.round(minutes / 60);
        if (hours < 48) { return hours + ' h ago'; }
        return Math.round(hours / 24) + ' d ago';
    }

    // <time data-relative="checked">: "checked 12 s ago", the absolute time on hover in the person's zone (their
    // profile's, else the browser's).
    function showTimes(root) {
        var now = Date.now();
        root.querySelectorAll('time[data-relative]').forEach(function (el) {
            var date = new Date(el.getAttribute('datetime'));
            if (isNaN(date)) { return; }
            var prefix = el.getAttribute('data-relative');
            el.textContent = (prefix ? prefix + ' ' : '') + relative(date, now);
            el.title = localTime(date);
        });
        // Beat tooltips: the server wrote UTC; the person reads their own zone.
        root.querySelectorAll('.beat[data-time]').forEach(function (el) {
            if (el.dataset.local) { return; }
            var date = new Date(el.getAttribute('data-time'));
            var rest = el.title.indexOf(' · ');
            if (!isNaN(date) && rest >= 0) {
                el.title = localTime(date) + el.title.substring(rest);
                el.dataset.local = 'yes';
            }
        });
    }

    // Tag chips take their colour from data-color (set through the CSSOM, which a CSP allows), with a readable text.
    function colourTags(root) {
        root.querySelectorAll('[data-color]').forEach(function (el) {
            var hex = el.getAttribute('data-color');
            if (!/^#[0-9a-fA-F]{6}$/.test(hex)) { return; }
            var r = parseInt(hex.substr(1, 2), 16), g = parseInt(hex.substr(3, 2), 16), b = parseInt(hex.substr(5, 2), 16);
            el.style.setProperty('--tag-color', hex);
            el.style.setProperty('--tag-text', (0.299 * r + 0.587 * g + 0.114 * b) > 150 ? '#111827' : '#fff');
        });
    }

    function selected() {
        return document.querySelectorAll('#monitor-rows input.select-monitor:checked').length;
    }

    function updateBulk() {
        var form = document.getElementById('bulk-form');
        if (!form) { return; }
        var all = document.getElementById('select-all-matching');
        var count = document.getElementById('bulk-count');
        var action = document.getElementById('bulk-action');
        if (count) {
            count.textContent = all && all.checked ? 'all matching monitors' : selected() + ' selected';
        }
        form.querySelectorAll('[data-for-actions]').forEach(function (el) {
            var on = el.getAttribute('data-for-actions').split(' ').indexOf(action.value) >= 0;
            el.hidden = !on;
            el.querySelectorAll('select').forEach(function (s) { s.disabled = !on; });
        });
    }

    document.addEventListener('change', function (event) {
        if (event.target.id === 'select-page') {
            document.querySelectorAll('#monitor-rows input.select-monitor').forEach(function (box) {
                box.checked = event.target.checked;
            });
        }
        if (event.target.closest && event.target.closest('#monitor-rows')) {
            updateBulk();
        }
    });

    // The rows are polled; a poll would wipe a selection in progress, so it waits while something is selected or
    // the bulk form has focus. Changing the filter (a request from the filter form) still goes through.
    function selecting() {
        return selected() > 0 || (document.getElementById('select-all-matching') || {}).checked
            || (document.getElementById('bulk-form') || {contains: function () { return false; }})
                .contains(document.activeElement);
    }

    document.addEventListener('htmx:beforeRequest', function (event) {
        var elt = event.detail.elt;
        if (elt && elt.id === 'monitor-rows' && selecting()) { event.preventDefault(); }
    });

    // A poll already on its way when the selection began must not wipe it either: its answer is dropped (the next
    // poll after the bulk action brings the rows).
    document.addEventListener('htmx:beforeSwap', function (event) {
        var elt = event.detail.elt;
        if (elt && elt.id === 'monitor-rows' && selecting()) { event.detail.shouldSwap = false; }
    });

    function refresh(root) {
        showTimes(root);
        colourTags(root);
        updateBulk();
    }

    document.addEventListener('DOMContentLoaded', function () { refresh(document); });
    document.addEventListener('htmx:afterSettle', function (event) { refresh(event.target); });
    setInterval(function () { showTimes(document); }, 5000);
}());

// Live pages: one server-sent event stream per open page (GET /app/events). Elements marked data-live="kinds" (and
// data-live-monitor="id" to hear one monitor only) are refetched by htmx (their hx-trigger is "vigil:live") when an
// event of those kinds arrives. A page that missed events (reconnected to another instance, slept too long) is told
// to resync and refetches everything; a page whose timers stopped (a laptop asleep) reconnects and refetches itself.
(function () {
    'use strict';

    var QUICK = 300;      // a status change or incident shows within a moment
    var RESULTS = 5000;   // new results arrive all the time on a big workspace: at most one refetch per 5 s for them
    var stream = null;
    var lastId = null;
    var timers = {};
    var fallback = null;

    function targets() {
        return document.querySelectorAll('[data-live]');
    }

    function refetch(id) {
        delete timers[id];
        var el = document.getElementById(id);
        if (el && window.htmx) {
            window.htmx.trigger(el, 'vigil:live');
        }
    }

    function schedule(el, delay) {
        if (!el.id) { return; }
        var due = Date.now() + delay;
        var pending = timers[el.id];
        if (pending && pending.due <= due) { return; }
        if (pending) { clearTimeout(pending.timer); }
        timers[el.id] = {due: due, timer: setTimeout(function () { refetch(el.id); }, delay)};
    }

    function refetchAll() {
        targets().forEach(function (el) { schedule(el, 0); });
    }

    function route(kind, event) {
        if (event.lastEventId) { lastId = event.lastEventId; }
        var data = {};
        try { data = JSON.parse(event.data); } catch (e) { /* keep the empty object */ }
        document.dispatchEvent(new CustomEvent('vigil:event', {detail: {kind: kind, data: data}}));
        targets().forEach(function (el) {
            if (el.getAttribute('data-live').split(' ').indexOf(kind) < 0) { return; }
            var only = el.getAttribute('data-live-monitor');
            if (only && data.m && only !== data.m) { return; }
            schedule(el, kind === 'result' ? RESULTS : QUICK);
        });
    }

    function connect() {
        if (stream) { stream.close(); }
        var url = document.querySelector('meta[name="live-events"]').getAttribute('content');
        if (lastId) { url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(lastId); }
        stream = new EventSource(url);
        document.documentElement.setAttribute('data-live-state', 'connecting');
        stream.addEventListener('open', function () {
            document.documentElement.setAttribute('data-live-state', 'open');
            if (fallback) { clearInterval(fallback); fallback = null; }
        });
        stream.addEventListener('hello', function (event) { lastId = event.lastEventId; });
        stream.addEventListener('resync', function (event) { lastId = event.lastEventId; refetchAll(); });
        ['status', 'result', 'incident', 'added', 'removed'].forEach(function (kind) {
            stream.addEventListener(kind, function (event) { route(kind, event); });
        });
        stream.addEventListener('error', function () {
            if (stream.readyState !== EventSource.CLOSED) { return; } // the browser reconnects by itself
            // Refused (too many pages open, or signed out): refresh now and then, and try the stream again later.
            document.documentElement.setAttribute('data-live-state', 'closed');
            if (!fallback) { fallback = setInterval(refetchAll, 30000); }
            setTimeout(connect, 60000);
        });
    }

    // Timers stop while a laptop sleeps: a long gap between ticks means the stream and the page are stale.
    var tick = Date.now();
    function wakeCheck() {
        var now = Date.now();
        if (now - tick > 20000) {
            connect();
            refetchAll();
        }
        tick = now;
    }

    document.addEventListener('DOMContentLoaded', function () {
        if (!targets().length || typeof EventSource === 'undefined'
                || !document.querySelector('meta[name="live-events"]')) {
            return;
        }
        connect();
        setInterval(wakeCheck, 5000);
        window.addEventListener('online', function () { connect(); refetchAll(); });
        window.addEventListener('pagehide', function () { if (stream) { stream.close(); } });
    });
}());

// Dark mode switch (remembered on this browser), keyboard shortcuts, and durations and local times on incident pages.
(function () {
    'use strict';

    function effectiveTheme() {
        var chosen = document.documentElement.getAttribute('data-theme');
        if (chosen) { return chosen; }
        return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }

    function showThemeSwitch() {
        var button = document.getElementById('theme-toggle');
        if (!button) { return; }
        var dark = effectiveTheme() === 'dark';
        button.setAttribute('aria-pressed', dark ? 'true' : 'false');
        button.textContent = dark ? 'Dark mode: on' : 'Dark mode: off';
    }

    document.addEventListener('click', function (event) {
        if (!event.target.closest || !event.target.closest('#theme-toggle')) { return; }
        var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
        document.documentElement.setAttribute('data-theme', next);
        try { window.localStorage.setItem('vigil-theme', next); } catch (e) { /* not remembered */ }
        showThemeSwitch();
    });

    // Shortcuts: / search, n new monitor, j/k through the list, ? this help. Not while typing in a field.
    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    function listRows() {
        return Array.prototype.filter.call(document.querySelectorAll('main table tbody tr'), function (row) {
            return row.querySelector('a[href]') && row.offsetParent !== null;
        });
    }

    function move(step) {
        var rows = listRows();
        if (!rows.length) { return; }
        var current = rows.findIndex(function (row) { return row.classList.contains('kbd-current'); });
        var next = Math.max(0, Math.min(rows.length - 1, current < 0 ? 0 : current + step));
        rows.forEach(function (row) { row.classList.remove('kbd-current'); });
        rows[next].classList.add('kbd-current');
        var link = rows[next].querySelector('a[href]');
        link.focus();
        link.scrollIntoView({block: 'nearest'});
    }

    // A live refetch replaces the rows under the person walking them: the same row (by its monitor or incident id)
    // gets the place back, and the focus if it had it, or "j" would start again at the top every few seconds.
    var place = null;
    function rowKey(row) {
        return row.getAttribute('data-monitor') || row.getAttribute('data-incident');
    }
    document.addEventListener('htmx:beforeSwap', function (event) {
        var target = event.detail.target;
        var current = target && target.querySelector ? target.querySelector('tr.kbd-current') : null;
        place = current && rowKey(current)
            ? {key: rowKey(current), focused: current.contains(document.activeElement)} : place;
    });
    document.addEventListener('htmx:afterSettle', function () {
        if (!place) { return; }
        var kept = place;
        place = null;
        var row = listRows().filter(function (r) { return rowKey(r) === kept.key; })[0];
        if (!row) { return; }
        row.classList.add('kbd-current');
        if (kept.focused && (!document.activeElement || document.activeElement === document.body)) {
            row.querySelector('a[href]').focus({preventScroll: true});
        }
    });

    document.addEventListener('keydown', function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
        var help = document.getElementById('shortcuts-help');
        if (event.key === '/') {
            var search = document.querySelector('main input[type="search"]');
            if (search) { event.preventDefault(); search.focus(); search.select(); }
        } else if (event.key === 'n') {
            var create = document.getElementById('new-monitor');
            var base = document.querySelector('meta[name="new-monitor"]');
            if (create) { create.click(); } else if (base) { window.location.assign(base.getAttribute('content')); }
        } else if (event.key === 'j') {
            move(1);
        } else if (event.key === 'k') {
            move(-1);
        } else if (event.key === '?' && help && typeof help.showModal === 'function') {
            if (help.open) { help.close(); } else { help.showModal(); }
        }
    });

    document.addEventListener('click', function (event) {
        if (!event.target.closest) { return; }
        var dialog = document.getElementById('shortcuts-help');
        if (event.target.closest('#shortcuts-close')) { dialog.close(); }
        if (event.target.closest('#shortcuts-button') && typeof dialog.showModal === 'function') { dialog.showModal(); }
    });

    function duration(ms) {
        var s = Math.max(0, Math.round(ms / 1000));
        if (s < 60) { return s + ' s'; }
        var m = Math.floor(s / 60);
        if (m < 60) { return m + ' min ' + (s % 60) + ' s'; }
        var h = Math.floor(m / 60);
        if (h < 48) { return h + ' h ' + (m % 60) + ' min'; }
        return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
    }

    // <time data-local>: without a zone of their own the server wrote UTC, and the person reads the browser's zone;
    // with one, the server already wrote it in that zone (DashboardTimes), so the text stays as every other time on
    // the page reads. <span data-duration-from[-to]>: how long, running (no end yet) or final.
    function showLocal(root) {
        var now = Date.now();
        var chosenZone = document.querySelector('meta[name="time-zone"]');
        root.querySelectorAll('time[data-local]').forEach(function (el) {
            if (chosenZone) { return; }
            var date = new Date(el.getAttribute('datetime'));
            if (isNaN(date)) { return; }
            el.textContent = localTime(date);
            el.title = date.toISOString().replace('T', ' ').substring(0, 19) + ' UTC';
        });
        root.querySelectorAll('[data-duration-from]').forEach(function (el) {
            var from = new Date(el.getAttribute('data-duration-from'));
            var to = el.getAttribute('data-duration-to') ? new Date(el.getAttribute('data-duration-to')) : now;
            if (isNaN(from)) { return; }
            el.textContent = duration(to - from) + (el.getAttribute('data-duration-to') ? '' : ' so far');
        });
    }

    document.addEventListener('DOMContentLoaded', function () { showThemeSwitch(); showLocal(document); });
    document.addEventListener('htmx:afterSettle', function (event) { showLocal(event.target); });
    setInterval(function () { showLocal(document); }, 5000);
    if (window.matchMedia) {
        window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', showThemeSwitch);
    }
}());
