/*
 * Broadsheet charts: starts every <figure class="bs-chart"> on the page.
 *
 * Each figure holds its ECharts option as JSON in
 * <script type="application/json" class="bs-chart-option">. The option is
 * pure data; number formats are named in formatter strings that start with
 * "bs:" and are turned into functions here:
 *
 *   "bs:FMT"               a value: axis labels, value labels, tooltip valueFormatter
 *   "bs:pie:FMT"           pie label / tooltip: name, value and share
 *   "bs:point:FX,FY[,FS]"  scatter tooltip: point name, then each dimension
 *   "bs:named:FMT"         name and value: reference lines, treemap tiles
 *   "bs:ratio:FMT:BASE"    funnel: name, value and its share of BASE
 *   "bs:step:FMT"          waterfall: a step's signed change, or a total
 *   "bs:cell:FMT"          heatmap: the cell's value (label), or its name and value (tooltip)
 *   "bs:month"             a time axis of monthly dates, in the page's month layout (2024-04, 2024年4月)
 *
 * FMT is a format of Go's internal/numfmt (compact, int, percent,
 * signed-percent, signed, 0, 0.0, 0.00, 0.000, 0%, 0.0%, 0.00%, pp, 0.00pp,
 * permille, 0.0‰, 0.00‰, the currencies cny, usd, eur, hkd, twd and their
 * -int and -compact forms, or "" for the default), in the page language's
 * units (万/亿, 萬/億, K/M/B), which the page hands over with its other words
 * as JSON in <script type="application/json" id="bs-words">; numbers read
 * the same here as in the page's tables.
 *
 * The script loads nothing, evaluates no code, and needs echarts.min.js to be
 * loaded before it. Charts follow the window's size, the colour scheme, and
 * are redrawn light and sharp for printing.
 *
 * The build also runs this script, with a document that has no figures, to
 * draw each chart as SVG with these same formats (internal/ssr): keep the
 * formats free of other browser features.
 */
(function () {
  'use strict';

  var MINUS = '\u2212';
  // The page's words (internal/locale, written by the theme into
  // <script id="bs-words">): number units, percentage points, the month
  // layout and the ECharts locale. Without them numbers are written in full.
  var WORDS = (function () {
    var el = document.getElementById('bs-words');
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  })();
  var UNITS = WORDS.units || [];
  var PP = WORDS.pp || '';

  // ---- number formats (mirror internal/numfmt) ----

  var FORMATS = {
    '': { kind: 'default' },
    'compact': { kind: 'compact' },
    'int': { kind: 'fixed', d: 0 },
    '0': { kind: 'fixed', d: 0 },
    '0.0': { kind: 'fixed', d: 1 },
    '0.00': { kind: 'fixed', d: 2 },
    '0.000': { kind: 'fixed', d: 3 },
    'percent': { kind: 'fixed', d: 1, scale: 100, suffix: '%' },
    '0.0%': { kind: 'fixed', d: 1, scale: 100, suffix: '%' },
    '0%': { kind: 'fixed', d: 0, scale: 100, suffix: '%' },
    '0.00%': { kind: 'fixed', d: 2, scale: 100, suffix: '%' },
    'signed-percent': { kind: 'fixed', d: 1, scale: 100, suffix: '%', signed: true },
    'signed': { kind: 'default', signed: true },
    'pp': { kind: 'fixed', d: 1, scale: 100, suffix: PP, signed: true },
    '0.00pp': { kind: 'fixed', d: 2, scale: 100, suffix: PP, signed: true },
    'permille': { kind: 'fixed', d: 1, scale: 1000, suffix: '\u2030' },
    '0.0\u2030': { kind: 'fixed', d: 1, scale: 1000, suffix: '\u2030' },
    '0.00\u2030': { kind: 'fixed', d: 2, scale: 1000, suffix: '\u2030' }
  };
  // Currencies: the symbol goes before the number, after its sign.
  var CURRENCIES = { cny: '\u00a5', usd: '$', eur: '\u20ac', hkd: 'HK$', twd: 'NT$' };
  Object.keys(CURRENCIES).forEach(function (c) {
    var sym = CURRENCIES[c];
    FORMATS[c] = { kind: 'fixed', d: 2, prefix: sym };
    FORMATS[c + '-int'] = { kind: 'fixed', d: 0, prefix: sym };
    FORMATS[c + '-compact'] = { kind: 'compact', prefix: sym };
  });

  // fixed writes a ≥ 0 with d decimals; toFixed rounds the exact value half
  // away from zero, as numfmt does.
  function fixed(a, d) { return a.toFixed(d); }

  function trimZeros(s) {
    if (s.indexOf('.') < 0) { return s; }
    return s.replace(/0+$/, '').replace(/\.$/, '');
  }

  function group(s) {
    var parts = s.split('.');
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return parts.join('.');
  }

  function sigDecimals(m) { return m < 10 ? 2 : (m < 100 ? 1 : 0); }

  function digits(s) { return parseFloat(s.replace(/,/g, '')); }

  function compact(a) {
    for (var i = UNITS.length - 1; i >= 0; i--) {
      var size = UNITS[i][0];
      if (a < size) { continue; }
      var m = a / size;
      var body = trimZeros(fixed(m, sigDecimals(m)));
      if (i + 1 < UNITS.length && digits(body) >= UNITS[i + 1][0] / size) {
        var n = a / UNITS[i + 1][0];
        return trimZeros(fixed(n, sigDecimals(n))) + UNITS[i + 1][1];
      }
      return body + UNITS[i][1];
    }
    var plain = group(trimZeros(fixed(a, 2)));
    if (UNITS.length && digits(plain) >= UNITS[0][0]) {
      var u = a / UNITS[0][0];
      return trimZeros(fixed(u, sigDecimals(u))) + UNITS[0][1];
    }
    return plain;
  }

  // format writes v in the named format; signed forces a "+" before a
  // positive number (a change), as numfmt.Signed does.
  function format(v, name, signed) {
    if (typeof v === 'string' && v !== '' && !isNaN(+v)) { v = +v; }
    if (typeof v !== 'number') { return v == null ? '-' : String(v); }
    if (isNaN(v)) { return '-'; }
    var f = Object.prototype.hasOwnProperty.call(FORMATS, name) ? FORMATS[name] : FORMATS[''];
    if (!isFinite(v)) { return (v < 0 ? MINUS : '') + '\u221e'; }
    var a = Math.abs(v), body;
    switch (f.kind) {
      case 'compact': body = compact(a); break;
      case 'fixed': body = group(fixed(a * (f.scale || 1), f.d)); break;
      default: body = group(trimZeros(fixed(a, 2)));
    }
    var sign = '';
    if (/[1-9]/.test(body)) {
      if (v < 0) { sign = MINUS; } else if (f.signed || signed) { sign = '+'; }
    }
    return sign + (f.prefix || '') + body + (f.suffix || '');
  }

  // ---- formatter strings to functions ----

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // pick returns the plotted value of a data item: y of [x, y, …].
  function pick(v) { return Array.isArray(v) ? v[v.length > 1 ? 1 : 0] : v; }

  function share(p) { return format((p.percent || 0) / 100, 'percent'); }

  function valueFormatter(f) {
    return function (v) {
      return Array.isArray(v) ? v.map(function (x) { return format(x, f); }) : format(v, f);
    };
  }

  // last returns the last dimension of a data item: a heatmap cell's value.
  function last(v) { return Array.isArray(v) ? v[v.length - 1] : v; }

  // formOf writes the newer forms' labels and tooltips as text (html escapes
  // it for a tooltip).
  function formOf(kind, f, html) {
    var e = html ? esc : function (s) { return String(s); };
    var lead = function (p) { return html ? p.marker : ''; };
    switch (kind) {
      case 'named':
        return function (p) {
          var v = e(format(pick(p.value), f));
          return p.name ? lead(p) + e(p.name) + ' ' + v : lead(p) + v;
        };
      case 'ratio':
        var parts = f.split(':'), base = +parts[1];
        return function (p) {
          var text = e(p.name) + ' ' + e(format(p.value, parts[0]));
          if (base > 0 && p.dataIndex > 0) { text += ' (' + e(format(p.value / base, 'percent')) + ')'; }
          return lead(p) + text;
        };
      case 'step':
        return function (p) {
          var d = p.data || {};
          var v = typeof d.step === 'number' ? e(format(d.step, f, true)) : e(format(pick(p.value), f));
          return html ? p.marker + e(p.name) + ': ' + v : v;
        };
      case 'cell':
        return function (p) {
          var v = e(format(last(p.value), f));
          return html ? p.marker + e(p.name) + ': ' + v : v;
        };
    }
    return null;
  }

  // month writes the month of a time (ms since 1970, UTC) as
  // numfmt.Month does, in the page's month layout (a Go time layout:
  // "2006" the year, "01" the month in two digits, "1" the month).
  function month(ms) {
    var d = new Date(ms), y = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
    return (WORDS.month || '2006-01').replace(/2006|01|1/g, function (t) {
      return t === '2006' ? String(y) : (t === '01' && m < 10 ? '0' : '') + m;
    });
  }

  function makeFormatter(spec, key, parent) {
    if (spec === 'month') { return month; }
    var kind = '', f = spec;
    var m = /^(pie|point|named|ratio|step|cell):(.*)$/.exec(spec);
    if (m) { kind = m[1]; f = m[2]; }
    if (key === 'valueFormatter') { return valueFormatter(f); }
    if (parent === 'axisLabel' || parent === 'visualMap') {
      return function (value) { return format(value, f); };
    }
    var form = formOf(kind, f, parent !== 'label');
    if (form) { return form; }
    if (parent === 'label') {
      if (kind === 'pie') {
        return function (p) { return p.name + ': ' + format(p.value, f) + ' (' + share(p) + ')'; };
      }
      return function (p) { return format(pick(p.value), f); };
    }
    if (kind === 'pie') { // tooltip, HTML
      return function (p) {
        return (p.seriesName ? esc(p.seriesName) + '<br>' : '') + p.marker + esc(p.name) + ': ' +
          esc(format(p.value, f)) + ' (' + esc(share(p)) + ')';
      };
    }
    if (kind === 'point') { // tooltip, HTML
      var fs = f.split(',');
      return function (p) {
        var names = p.dimensionNames || [];
        var v = Array.isArray(p.value) ? p.value : [p.value];
        var head = p.name || p.seriesName || '';
        var lines = [p.marker + esc(head)];
        if (p.name && p.seriesName) { lines[0] += ' · ' + esc(p.seriesName); }
        for (var i = 0; i < v.length; i++) {
          lines.push(esc(names[i] || '') + ': ' + esc(format(v[i], fs[i] || '')));
        }
        return lines.join('<br>');
      };
    }
    return function (p) { // any other tooltip: the value, formatted
      var list = Array.isArray(p) ? p : [p];
      return list.map(function (q) {
        return q.marker + esc(q.seriesName || q.name || '') + ': ' + esc(format(pick(q.value), f));
      }).join('<br>');
    };
  }

  // revive replaces every "bs:" formatter string in the option with a function.
  function revive(node, parent) {
    if (Array.isArray(node)) {
      for (var i = 0; i < node.length; i++) { revive(node[i], parent); }
      return;
    }
    if (!node || typeof node !== 'object') { return; }
    for (var k in node) {
      if (!Object.prototype.hasOwnProperty.call(node, k)) { continue; }
      var v = node[k];
      if ((k === 'formatter' || k === 'valueFormatter') && typeof v === 'string' && v.slice(0, 3) === 'bs:') {
        node[k] = makeFormatter(v.slice(3), k, parent);
      } else if (v && typeof v === 'object') {
        revive(v, k);
      }
    }
  }

  // ---- drawing ----

  var charts = [];
  var media = function (q) { return window.matchMedia ? window.matchMedia(q) : null; };
  var darkQuery = media('(prefers-color-scheme: dark)');
  var motionQuery = media('(prefers-reduced-motion: reduce)');
  var printQuery = media('print');
  var printing = false;

  function extend(a, b) {
    var out = {}, k;
    for (k in a) { if (Object.prototype.hasOwnProperty.call(a, k)) { out[k] = a[k]; } }
    for (k in b) { if (Object.prototype.hasOwnProperty.call(b, k)) { out[k] = b[k]; } }
    return out;
  }

  function fallback(fig) {
    fig.classList.add('bs-chart-failed');
    var details = fig.querySelector('details.bs-chart-data');
    if (details) { details.open = true; }
  }

  function draw(c) {
    if (c.inst) { c.inst.dispose(); }
    var dark = !printing && darkQuery && darkQuery.matches;
    var renderer = printing || c.fig.getAttribute('data-renderer') === 'svg' ? 'svg' : 'canvas';
    c.inst = window.echarts.init(c.el, dark ? 'dark' : null, { renderer: renderer, locale: WORDS.echarts || 'EN' });
    var font = window.getComputedStyle ? window.getComputedStyle(c.fig).fontFamily : '';
    var still = printing || (motionQuery && motionQuery.matches);
    c.inst.setOption(extend(c.option, {
      backgroundColor: 'transparent',
      animation: !still && c.option.animation !== false,
      textStyle: extend(c.option.textStyle || {}, font ? { fontFamily: font } : {})
    }));
    if (printing && c.inst.getZr) { c.inst.getZr().flush(); }
    // A category whose row links to a page (an entity page, in the data
    // table) leads there when clicked.
    c.inst.on('click', function (p) {
      var href = c.links[p.name];
      if (href) { window.location.href = href; }
    });
  }

  function linksOf(fig) {
    var links = {};
    var as = fig.querySelectorAll('details.bs-chart-data td a[href]');
    for (var i = 0; i < as.length; i++) { links[as[i].textContent] = as[i].getAttribute('href'); }
    return links;
  }

  function start(fig) {
    var el = fig.querySelector('.bs-chart-canvas');
    var script = fig.querySelector('script.bs-chart-option');
    if (!el || !script || !window.echarts) { fallback(fig); return; }
    var option;
    try {
      option = JSON.parse(script.textContent);
    } catch (e) {
      fallback(fig);
      return;
    }
    revive(option, '');
    var c = { fig: fig, el: el, option: option, inst: null, links: linksOf(fig) };
    charts.push(c);
    fig.classList.add('bs-chart-live'); // the canvas takes the SVG's place
    draw(c);
  }

  function each(fn) { for (var i = 0; i < charts.length; i++) { fn(charts[i]); } }

  function redrawAll() { each(draw); }

  var timer = 0;
  function onResize() {
    clearTimeout(timer);
    timer = setTimeout(function () { each(function (c) { c.inst.resize(); }); }, 120);
  }

  function beforePrint() {
    if (printing) { return; }
    printing = true;
    redrawAll();
  }

  function afterPrint() {
    if (!printing) { return; }
    printing = false;
    redrawAll();
  }

  function listen(q, fn) {
    if (!q) { return; }
    if (q.addEventListener) { q.addEventListener('change', fn); } else if (q.addListener) { q.addListener(fn); }
  }

  function init() {
    var figs = document.querySelectorAll('figure.bs-chart');
    for (var i = 0; i < figs.length; i++) { start(figs[i]); }
    if (!charts.length) { return; }
    window.addEventListener('resize', onResize);
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    listen(printQuery, function (e) {
      if (e.matches) {
        beforePrint();
        each(function (c) { c.inst.resize(); });
      } else {
        afterPrint();
      }
    });
    listen(darkQuery, function () { if (!printing) { redrawAll(); } });
  }

  // Exposed for tests of the formats; not an API for pages.
  window.broadsheetCharts = { format: format, month: month, makeFormatter: makeFormatter, revive: revive };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
