// Charts (jiuye/core/charts.py, templates/includes/chart.html). Each <figure class="chart-box">
// holds its ECharts option as JSON; ECharts, served by the app itself, is loaded only on pages
// that have a chart. Loaded with `defer` on every page.
(() => {
  const boxes = document.querySelectorAll(".chart-box");
  if (!boxes.length) return;
  const COLOURS = ["#1d4f91", "#f5a623", "#137333", "#b42318", "#6b5fb5", "#1f9bb3", "#8a5a00", "#5f6b7a", "#d4508b"];
  const AXES_GRID = { containLabel: true, left: 8, right: 32, top: 48, bottom: 40 };
  const charts = [];

  function draw(box) {
    const spec = JSON.parse(box.querySelector("script[type='application/json']").textContent);
    const element = box.querySelector(".chart");
    // Bars keep room for each region's name: on a phone the chart scrolls inside its box.
    if (spec.series.some((series) => series.type === "bar")) element.style.minWidth = `${Math.max(280, spec.xAxis.data.length * 28)}px`;
    const locale = document.documentElement.lang === "en" ? "EN" : "ZH";
    const chart = echarts.init(element, null, { locale });
    chart.setOption({
      animation: false, // drawn at once: for printing and for the PNG
      color: COLOURS,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      ...(spec.xAxis ? { grid: AXES_GRID } : {}),
      ...spec,
      // a bar is never wider than this, even when a region has a single sub-region
      series: spec.series.map((series) => (series.type === "bar" ? { barMaxWidth: 48, ...series } : series)),
    });
    new ResizeObserver(() => chart.resize()).observe(element);
    box.querySelector("[data-chart-png]").addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
      link.download = `${spec.title.text || "chart"}.png`;
      link.click();
    });
    charts.push(chart);
    box.dataset.drawn = "true";
  }

  const library = document.createElement("script");
  library.src = boxes[0].dataset.library;
  library.addEventListener("load", () => boxes.forEach(draw));
  document.head.append(library);
  // The page is laid out again for paper: redraw at the printed width (the print dialog sends
  // beforeprint/afterprint; emulated print media only the media query's change).
  const resize = () => charts.forEach((chart) => chart.resize());
  window.matchMedia("print").addEventListener("change", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
