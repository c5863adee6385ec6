// Vigil dashboard behaviour. Everything works without it except live updates and charts: forms post normally.
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

    // <time data-relative="checked">: "checked 12 s ago", the absolute time in the browser's zone on hover.
    function showTimes(root) {
        var now = Date.now();
        root.querySelectorAll('time[data-relative]').forEach(function (el) {
            var date = new Date(el.getAttribute('datetime'));
            if (isNaN(date)) { return; }
            el.textContent = el.getAttribute('data-relative') + ' ' + relative(date, now);
            el.title = date.toLocaleString();
        });
        // Beat tooltips: the server wrote UTC; the person reads their own zone.
        root.querySelectorAll('.beat[data-time]').forEach(function (el) {
            if (el.dataset.local) { return; }
            var date = new Date(el.getAttribute('data-time'));
            var rest = el.title.indexOf(' · ');
            if (!isNaN(date) && rest >= 0) {
                el.title = date.toLocaleString() + el.title.substring(rest);
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
    document.addEventListener('htmx:beforeRequest', function (event) {
        var elt = event.detail.elt;
        if (elt && elt.id === 'monitor-rows') {
            var busy = selected() > 0 || (document.getElementById('select-all-matching') || {}).checked
                || (document.getElementById('bulk-form') || {contains: function () { return false; }})
                    .contains(document.activeElement);
            if (busy) { event.preventDefault(); }
        }
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
