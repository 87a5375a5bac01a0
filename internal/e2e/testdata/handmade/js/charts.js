// Starts every chart of the page from its JSON option, as the theme does.
(function () {
  for (const fig of document.querySelectorAll('figure.bs-chart')) {
    const el = fig.querySelector('.bs-chart-canvas');
    const opt = fig.querySelector('script.bs-chart-option');
    if (!el || !opt) continue;
    echarts.init(el).setOption(JSON.parse(opt.textContent));
  }
  window.addEventListener('resize', function () {
    for (const el of document.querySelectorAll('.bs-chart-canvas')) {
      const c = echarts.getInstanceByDom(el);
      if (c) c.resize();
    }
  });
})();
