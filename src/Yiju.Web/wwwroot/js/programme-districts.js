// District choropleth of one programme indicator, on the organisation's own district boundaries (no tile layer: the
// map must work on closed networks). Values come from the server in data-values; darker blue is a higher figure,
// and the outline colour is the district's status against a target that applies to it.
(function () {
  'use strict';
  var el = document.getElementById('district-map');
  if (!el || !window.L) { return; }
  var values = JSON.parse(el.getAttribute('data-values') || '{}');
  var unit = el.getAttribute('data-unit') || '';
  var none = el.getAttribute('data-none') || '—';
  var numbers = Object.keys(values).map(function (k) { return values[k].value; });
  var min = Math.min.apply(null, numbers), max = Math.max.apply(null, numbers);
  var outline = { Met: '#1b7a3a', OnTrack: '#0b57a4', AtRisk: '#c77700', Lagging: '#b3261e', NotAssessable: '#ffffff' };

  function fill(v) {
    if (v === undefined) { return '#d0d5da'; }
    var t = max > min ? (v - min) / (max - min) : 1;
    var from = [222, 235, 247], to = [8, 69, 148];
    return 'rgb(' + from.map(function (c, i) { return Math.round(c + (to[i] - c) * t); }).join(',') + ')';
  }

  var map = L.map(el, { zoomSnap: 0.25 });
  map.attributionControl.addAttribution('DataV.GeoAtlas');
  fetch(el.dataset.districts, { credentials: 'same-origin' }).then(function (r) {
    if (!r.ok) { throw new Error(r.status); }
    return r.json();
  }).then(function (geo) {
    var layer = L.geoJSON(geo, {
      style: function (f) {
        var row = values[f.properties.code];
        return { color: row ? outline[row.status] : '#ffffff', weight: row && row.status !== 'NotAssessable' ? 3 : 1.5,
          fillColor: fill(row ? row.value : undefined), fillOpacity: 0.8 };
      },
      onEachFeature: function (f, l) {
        var row = values[f.properties.code];
        l.bindTooltip(f.properties.name + ': ' + (row ? row.value + ' ' + unit + ' (' + row.period + ')' : none), { sticky: true });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    el.dataset.loaded = String(geo.features.length);
  }).catch(function (e) { el.dataset.error = String(e); });
}());
