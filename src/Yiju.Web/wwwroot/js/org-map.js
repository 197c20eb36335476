// The organisation map: Harbin's district boundaries (and optionally streets) drawn as vector layers from our own
// GeoJSON. No tile layer: government networks are often closed, so the map must work with no internet.
(function () {
  'use strict';
  var el = document.getElementById('org-map');
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.addAttribution('DataV.GeoAtlas · © OpenStreetMap contributors');
  var palette = ['#b3261e', '#1b5e9b', '#2e7d32', '#8e24aa', '#ef6c00', '#00838f', '#6d4c41', '#c2185b', '#455a64'];
  var unitUrl = el.dataset.unitUrl;
  var streetsLayer = null;

  function colour(code) {
    var n = 0;
    for (var i = 0; i < code.length; i++) { n = (n * 31 + code.charCodeAt(i)) % 9973; }
    return palette[n % palette.length];
  }

  function load(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }

  function bind(layer, feature) {
    var p = feature.properties;
    layer.bindTooltip(p.name, { sticky: true });
    layer.on('click', function () { window.location.href = unitUrl + encodeURIComponent(p.code); });
  }

  load(el.dataset.districts).then(function (geo) {
    var districts = L.geoJSON(geo, {
      style: function (f) { return { color: '#ffffff', weight: 1.5, fillColor: colour(f.properties.code), fillOpacity: 0.55 }; },
      onEachFeature: function (f, layer) {
        bind(layer, f);
        layer.on('mouseover', function () { layer.setStyle({ fillOpacity: 0.8 }); });
        layer.on('mouseout', function () { layer.setStyle({ fillOpacity: 0.55 }); });
      }
    }).addTo(map);
    districts.eachLayer(function (layer) {
      var p = layer.feature.properties;
      L.marker(layer.getBounds().getCenter(), {
        icon: L.divIcon({ className: 'unit-label', html: p.name, iconSize: null }),
        interactive: false, keyboard: false
      }).addTo(map);
    });
    map.fitBounds(districts.getBounds());
    el.dataset.loaded = String(geo.features.length);
  }).catch(function (e) { el.dataset.error = e.message; });

  var toggle = document.getElementById('show-streets');
  if (toggle) {
    toggle.addEventListener('change', function () {
      if (!toggle.checked) { if (streetsLayer) { map.removeLayer(streetsLayer); } return; }
      if (streetsLayer) { streetsLayer.addTo(map); return; }
      load(el.dataset.streets).then(function (geo) {
        streetsLayer = L.geoJSON(geo, {
          style: function () { return { color: '#333', weight: 1, fillOpacity: 0.05 }; },
          onEachFeature: bind
        }).addTo(map);
        map.fitBounds(streetsLayer.getBounds());
        el.dataset.streets_loaded = String(geo.features.length);
      });
    });
  }
}());
