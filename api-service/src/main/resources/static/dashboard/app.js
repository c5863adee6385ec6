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
