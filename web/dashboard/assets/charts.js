// The dashboard's bar charts, drawn by Chart.js (window.Chart, from
// /vendor/chart.umd.js). Each chart is made once per view and then only has
// its data replaced and redrawn without animation, so ten updates a second
// stay smooth. The figures are also on the page as text; the charts add the
// picture. Without Chart.js (vendor step not run) the charts stay empty boxes
// and nothing else breaks.

// Colours from the stylesheet (dashboard.css), so light and dark schemes agree.
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1c2430'),
    muted: v('--muted', '#566172'),
    grid: v('--border', '#c9d0da'),
    series: [v('--chart-1', '#1d5fbf'), v('--chart-2', '#d97706'), v('--chart-3', '#566172')],
  };
}

export function charts_available() {
  return typeof window.Chart === 'function';
}

// A bar chart on `canvas`. series: [{label, outline}] in drawing order; an
// outline series is drawn as an empty frame (capacity around the fill).
// horizontal puts the categories down the side (long session titles).
export function bar_chart(canvas, { series, horizontal = false, stacked = false }) {
  if (!charts_available()) return null;
  const colours = palette();
  const value_axis = {
    beginAtZero: true,
    stacked,
    ticks: { color: colours.muted, precision: 0 },
    grid: { color: colours.grid },
  };
  const category_axis = {
    stacked,
    ticks: { color: colours.text, autoSkip: true, maxRotation: 0 },
    grid: { display: false },
  };
  return new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: [],
      datasets: series.map((s, i) => ({
        label: s.label,
        data: [],
        backgroundColor: s.outline ? 'transparent' : colours.series[i % colours.series.length],
        borderColor: colours.series[i % colours.series.length],
        borderWidth: s.outline ? 2 : 0,
        // Side by side in the same slot for the inside/checked-in/capacity trio.
        grouped: !stacked,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: series.length > 1, labels: { color: colours.text } },
        tooltip: { enabled: true },
      },
      scales: horizontal ? { x: value_axis, y: category_axis } : { x: category_axis, y: value_axis },
    },
  });
}

// Replaces the chart's categories and each series' values, then redraws
// without animation. Arrays are swapped only when they changed, so a stats
// message that moved nothing in this chart costs no redraw.
export function set_chart_data(chart, labels, values) {
  if (!chart) return;
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  let changed = !same(chart.data.labels, labels);
  if (changed) chart.data.labels = labels;
  values.forEach((data, i) => {
    const dataset = chart.data.datasets[i];
    if (!same(dataset.data, data)) {
      dataset.data = data;
      changed = true;
    }
  });
  if (changed) chart.update('none');
}

export function destroy_chart(chart) {
  chart?.destroy();
}
