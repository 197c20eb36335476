// 宜居指数 chart: the city's index by year (line) with its coverage, and the districts in the latest year (bars).
// The server computes every number (LivabilityIndexService); this file only draws them.
(function () {
  'use strict';
  var el = document.getElementById('livability-chart');
  if (!el || typeof echarts === 'undefined') { return; }
  var data = JSON.parse(el.getAttribute('data-chart') || '{}');
  var labels = JSON.parse(el.getAttribute('data-labels') || '{}');
  if ((!data.years || data.years.length === 0) && (!data.districts || data.districts.length === 0)) { el.hidden = true; return; }
  var chart = echarts.init(el, null, { renderer: 'canvas' });
  var hasDistricts = data.districts && data.districts.length > 0;
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: hasDistricts ? [{ left: 50, right: '55%', top: 40, bottom: 40 }, { left: '55%', right: 20, top: 40, bottom: 80 }] : [{ left: 50, right: 30, top: 40, bottom: 40 }],
    xAxis: hasDistricts
      ? [{ type: 'category', data: data.years, gridIndex: 0 }, { type: 'category', data: data.districts.map(function (d) { return d.name; }), gridIndex: 1, axisLabel: { rotate: 45 } }]
      : [{ type: 'category', data: data.years }],
    yAxis: hasDistricts
      ? [{ type: 'value', min: 0, max: 100, gridIndex: 0 }, { type: 'value', min: 0, max: 100, gridIndex: 1 }]
      : [{ type: 'value', min: 0, max: 100 }],
    series: [
      { name: labels.city, type: 'line', data: data.city, symbolSize: 8, itemStyle: { color: '#b3261e' }, xAxisIndex: 0, yAxisIndex: 0 },
      { name: labels.coverage, type: 'line', data: (data.coverage || []).map(function (c) { return Math.round(c * 1000) / 10; }), lineStyle: { type: 'dashed' }, itemStyle: { color: '#5f6b7a' }, xAxisIndex: 0, yAxisIndex: 0 }
    ].concat(hasDistricts ? [{ name: labels.districts + ' ' + data.districtYear, type: 'bar', data: data.districts.map(function (d) { return d.value; }), itemStyle: { color: '#0b57a4' }, xAxisIndex: 1, yAxisIndex: 1 }] : [])
  });
  el.dataset.drawn = 'true';
  window.addEventListener('resize', function () { chart.resize(); });
}());
