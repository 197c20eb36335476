// Trend chart on the indicator page: actual (or its running total), the 序时进度 line, the target and the projection.
// The server computes every point (see ProgrammeQueries.Chart); this file only draws them.
(function () {
  'use strict';
  var el = document.getElementById('indicator-chart');
  if (!el || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(el.getAttribute('data-chart') || '{}');
  var labels = JSON.parse(el.getAttribute('data-labels') || '{}');
  if (!data.actual || data.actual.length === 0) {
    el.hidden = true;
    return;
  }
  var points = function (list) {
    return (list || []).map(function (p) { return [p.date, p.value]; });
  };
  var series = [
    { name: labels.actual, type: 'line', data: points(data.actual), symbolSize: 8, lineStyle: { width: 3 }, itemStyle: { color: '#b3261e' } }
  ];
  if (data.pace && data.pace.length > 0) {
    series.push({ name: labels.pace, type: 'line', data: points(data.pace), symbol: 'none', lineStyle: { type: 'dashed', color: '#5f6b7a' }, itemStyle: { color: '#5f6b7a' } });
  }
  if (data.projection && data.projection.length > 0) {
    series.push({ name: labels.projection, type: 'line', data: points(data.projection), symbol: 'emptyCircle', lineStyle: { type: 'dotted', color: '#0b57a4' }, itemStyle: { color: '#0b57a4' } });
  }
  if (typeof data.target === 'number') {
    series.push({
      name: labels.target, type: 'line', data: [], itemStyle: { color: '#1b7a3a' },
      markLine: { symbol: 'none', lineStyle: { color: '#1b7a3a' }, label: { formatter: labels.target + ' ' + data.target + ' ' + (data.targetLabel || '') }, data: [{ yAxis: data.target }] }
    });
  }
  // A single date (one published figure) would make the time axis span hours: show half a year either side.
  var times = [].concat(data.actual, data.pace || [], data.projection || []).map(function (p) { return Date.parse(p.date); });
  var first = Math.min.apply(null, times);
  var last = Math.max.apply(null, times);
  var day = 24 * 3600 * 1000;
  var pad = last - first < 60 * day ? 180 * day : 0;
  var chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 110, top: 40, bottom: 40 },
    xAxis: { type: 'time', min: pad ? first - pad : null, max: pad ? last + pad : null },
    yAxis: { type: 'value', name: data.unit, scale: false },
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
}());
