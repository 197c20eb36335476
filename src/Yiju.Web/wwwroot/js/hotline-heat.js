// Hotline heat map: district boundaries from our own GeoJSON (no tile layer, as on the organisation map) under a grid
// of the month's tickets. The server bins points into cells, so exact addresses never reach the browser; a cell's
// colour and opacity grow with its count relative to the busiest cell.
(function () {
  'use strict';
  var el = document.getElementById('heat-map');
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.addAttribution('DataV.GeoAtlas · © OpenStreetMap contributors');
  var summary = document.getElementById('heat-summary');

  function load(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }

  function colour(share) {
    // yellow → orange → red as the share of the busiest cell grows
    if (share > 0.66) { return '#b3261e'; }
    if (share > 0.33) { return '#ef6c00'; }
    return '#f9a825';
  }

  load(el.dataset.districts).then(function (geo) {
    var districts = L.geoJSON(geo, {
      style: function () { return { color: '#455a64', weight: 1, fillColor: '#eceff1', fillOpacity: 0.4 }; },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, { sticky: true }); }
    }).addTo(map);
    map.fitBounds(districts.getBounds());
    return load(el.dataset.heat);
  }).then(function (grid) {
    var max = 1;
    grid.cells.forEach(function (c) { if (c.count > max) { max = c.count; } });
    var half = grid.cellDegrees / 2;
    grid.cells.forEach(function (c) {
      var share = c.count / max;
      L.rectangle([[c.lat - half, c.lon - half], [c.lat + half, c.lon + half]], {
        stroke: false, fillColor: colour(share), fillOpacity: 0.35 + 0.5 * share
      }).bindTooltip(String(c.count)).addTo(map);
    });
    el.dataset.cells = String(grid.cells.length);
    if (summary) {
      var values = [grid.month, grid.tickets, grid.cells.length, grid.withoutPoint];
      summary.textContent = (el.dataset.summary || '{0}: {1} · {2} · {3}').replace(/\{(\d)\}/g, function (m, i) { return String(values[+i]); });
    }
  }).catch(function (e) { el.dataset.error = String(e); });
}());
