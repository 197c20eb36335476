// Life-circle maps: district coverage shading, facilities, a clicked facility's walking catchment, gaps and
// suggested sites (#places-map); and the resident's 5/10/15-minute view (#nearby-map). Vector layers from our own
// API only: no tile server, so the maps work on closed networks.
(function () {
  'use strict';

  // A queued analysis (#job-progress): poll the job, move the progress bar, go to the result when it is done.
  var job = document.getElementById('job-progress');
  if (job && (job.dataset.status === 'Queued' || job.dataset.status === 'Running')) {
    var poll = function () {
      fetch('/api/v1/places/jobs/' + job.dataset.job, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      }).then(function (j) {
        if (j.status === 'Succeeded' && j.runId) { window.location.assign('/places?run=' + j.runId); return; }
        if (j.status !== job.dataset.status) { window.location.reload(); return; }
        var bar = document.getElementById('job-bar');
        if (bar && j.fraction !== null && j.fraction !== undefined) { bar.value = j.fraction; }
        var stage = document.getElementById('job-stage');
        if (stage) { stage.textContent = j.stage || ''; }
        window.setTimeout(poll, 1000);
      }).catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 1000);
  }

  if (!window.L) { return; }

  function load(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }

  // Red (0%) through amber to green (100%).
  function shade(pct) {
    if (pct === undefined || pct === null) { return '#bdbdbd'; }
    var stops = [[0, [198, 40, 40]], [50, [249, 168, 37]], [100, [46, 125, 50]]];
    for (var i = 1; i < stops.length; i++) {
      if (pct <= stops[i][0]) {
        var a = stops[i - 1], b = stops[i], t = (pct - a[0]) / (b[0] - a[0]);
        var c = a[1].map(function (v, k) { return Math.round(v + (b[1][k] - v) * t); });
        return 'rgb(' + c.join(',') + ')';
      }
    }
    return 'rgb(46,125,50)';
  }

  function districtLayer(map, url, coverage) {
    return load(url).then(function (geo) {
      var layer = L.geoJSON(geo, {
        style: function (f) {
          var row = coverage ? coverage[f.properties.code] : null;
          return { color: '#ffffff', weight: 1.5, fillColor: coverage ? shade(row ? row.coveragePercent : null) : '#90a4ae', fillOpacity: 0.45 };
        },
        onEachFeature: function (f, l) {
          var row = coverage ? coverage[f.properties.code] : null;
          l.bindTooltip(f.properties.name + (row ? ': ' + row.coveragePercent.toFixed(1) + '%' : ''), { sticky: true });
        }
      }).addTo(map);
      return layer;
    });
  }

  var el = document.getElementById('places-map');
  if (el) {
    var map = L.map(el, { zoomSnap: 0.25 });
    map.attributionControl.addAttribution('© OpenStreetMap contributors (ODbL) · DataV.GeoAtlas');
    map.setView([45.76, 126.64], 12);
    var run = el.dataset.run, type = el.dataset.type;
    var coverage = run ? load('/api/v1/places/runs/' + run + '/coverage?level=district&type=' + encodeURIComponent(type)).then(function (rows) {
      var byCode = {};
      rows.forEach(function (r) { byCode[r.areaCode] = r; });
      return byCode;
    }) : Promise.resolve(null);
    var catchmentLayer = null;
    coverage.then(function (byCode) { return districtLayer(map, el.dataset.districts, byCode); })
      .then(function () { el.dataset.districtsLoaded = 'true'; })
      .catch(function (e) { el.dataset.error = String(e); });

    load(el.dataset.facilities).then(function (geo) {
      var layer = L.geoJSON(geo, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 5, color: '#1b5e9b', weight: 1, fillColor: '#42a5f5', fillOpacity: 0.9, className: 'facility-marker' });
        },
        onEachFeature: function (f, l) {
          l.bindTooltip(f.properties.name);
          l.on('click', function () {
            load(el.dataset.catchment + f.properties.id + '/catchment').then(function (feature) {
              if (catchmentLayer) { map.removeLayer(catchmentLayer); }
              catchmentLayer = L.geoJSON(feature, { style: { color: '#6a1b9a', weight: 2, fillColor: '#ab47bc', fillOpacity: 0.3 } }).addTo(map);
              map.fitBounds(catchmentLayer.getBounds(), { maxZoom: 16 });
              el.dataset.catchmentFor = String(f.properties.id);
            }).catch(function (e) { el.dataset.error = String(e); });
          });
        }
      }).addTo(map);
      if (geo.features.length > 0) { map.fitBounds(layer.getBounds(), { maxZoom: 14 }); }
      el.dataset.facilitiesLoaded = String(geo.features.length);
    }).catch(function (e) { el.dataset.error = String(e); });

    if (run) {
      load('/api/v1/places/runs/' + run).then(function (detail) {
        var t = detail.result.types.filter(function (x) { return x.typeCode === type; })[0];
        if (!t) { return; }
        t.gaps.forEach(function (g) {
          L.circleMarker([g.latitude, g.longitude], { radius: 4, color: '#c62828', fillColor: '#ef5350', fillOpacity: 0.9, weight: 1 })
            .bindTooltip(Math.round(g.people) + ' (' + (g.distance < 0 ? '—' : Math.round(g.distance) + ' m') + ')').addTo(map);
        });
        t.suggestions.forEach(function (s) {
          L.marker([s.latitude, s.longitude], {
            icon: L.divIcon({ className: 'suggested-site', html: '★' + s.rank, iconSize: null }),
            title: '+' + Math.round(s.addedPeople)
          }).addTo(map);
        });
        el.dataset.suggestions = String(t.suggestions.length);
      }).catch(function (e) { el.dataset.error = String(e); });
    }
  }

  // The facility form (#facility-map): districts and existing facilities as vector layers; a click picks the point,
  // fills the coordinates and asks the server how far the point lies from the walking network.
  var pick = document.getElementById('facility-map');
  if (pick) {
    var fmap = L.map(pick, { zoomSnap: 0.25 });
    fmap.attributionControl.addAttribution('© OpenStreetMap contributors (ODbL) · DataV.GeoAtlas');
    fmap.setView([45.76, 126.64], 12);
    var latInput = document.getElementById('facility-lat'), lonInput = document.getElementById('facility-lon');
    var checkText = document.getElementById('facility-check');
    var marker = null;
    var check = function (lat, lon) {
      load(pick.dataset.check + '?lat=' + lat + '&lon=' + lon).then(function (c) {
        var key = { 'snapped': 'textSnapped', 'too-far': 'textTooFar', 'outside': 'textOutside' }[c.status] || 'textNoNetwork';
        var text = pick.dataset[key];
        if (c.status === 'snapped') { text += ' ' + Math.round(c.distance) + ' m'; }
        if (c.status === 'too-far') { text += ' ' + Math.round(c.maxDistance) + ' m'; }
        checkText.textContent = (c.status === 'too-far' || c.status === 'outside' ? '⚑ ' : '') + text;
        checkText.className = c.status === 'too-far' || c.status === 'outside' ? 'note warning' : 'note';
        pick.dataset.checked = c.status;
      }).catch(function (e) { pick.dataset.error = String(e); });
    };
    var place = function (lat, lon, pan) {
      if (marker) { marker.setLatLng([lat, lon]); } else {
        marker = L.circleMarker([lat, lon], { radius: 8, color: '#000', weight: 2, fillColor: '#ffeb3b', fillOpacity: 1, className: 'picked-point' }).addTo(fmap);
      }
      if (pan) { fmap.setView([lat, lon], 16); }
    };
    districtLayer(fmap, pick.dataset.districts, null).then(function () { pick.dataset.districtsLoaded = 'true'; })
      .catch(function (e) { pick.dataset.error = String(e); });
    load(pick.dataset.facilities).then(function (geo) {
      L.geoJSON(geo, {
        filter: function (f) { return String(f.properties.id) !== pick.dataset.id; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 3, color: '#1b5e9b', weight: 1, fillColor: '#42a5f5', fillOpacity: 0.7, interactive: false });
        }
      }).addTo(fmap);
      pick.dataset.facilitiesLoaded = String(geo.features.length);
    }).catch(function (e) { pick.dataset.error = String(e); });
    fmap.on('click', function (e) {
      var lat = e.latlng.lat.toFixed(6), lon = e.latlng.lng.toFixed(6);
      latInput.value = lat;
      lonInput.value = lon;
      place(e.latlng.lat, e.latlng.lng, false);
      check(lat, lon);
    });
    var lat0 = parseFloat(latInput.value), lon0 = parseFloat(lonInput.value);
    if (isFinite(lat0) && isFinite(lon0)) { place(lat0, lon0, true); }
  }

  var near = document.getElementById('nearby-map');
  if (near) {
    var nmap = L.map(near, { zoomSnap: 0.25 });
    nmap.attributionControl.addAttribution('© OpenStreetMap contributors (ODbL) · DataV.GeoAtlas');
    nmap.setView([45.76, 126.64], 12);
    districtLayer(nmap, near.dataset.districts, null).catch(function (e) { near.dataset.error = String(e); });
    var colours = { 5: '#2e7d32', 10: '#f9a825', 15: '#c62828' };
    var layers = [];
    function show(lat, lon) {
      load(near.dataset.within + '?lat=' + lat + '&lon=' + lon).then(function (r) {
        layers.forEach(function (l) { nmap.removeLayer(l); });
        layers = [];
        [15, 10, 5].forEach(function (m) {
          layers.push(L.geoJSON(JSON.parse(r.outlines[m]), { style: { color: colours[m], weight: 2, fillColor: colours[m], fillOpacity: 0.15 } }).addTo(nmap));
        });
        r.facilities.forEach(function (f) {
          layers.push(L.circleMarker([f.latitude, f.longitude], { radius: 5, color: colours[f.minutes], fillOpacity: 0.9 })
            .bindTooltip(f.name + ' · ' + Math.round(f.distance) + ' m').addTo(nmap));
        });
        layers.push(L.circleMarker([lat, lon], { radius: 7, color: '#000', fillColor: '#fff', fillOpacity: 1 }).addTo(nmap));
        nmap.fitBounds(layers[0].getBounds());
        near.dataset.shown = String(r.facilities.length);
      }).catch(function (e) { near.dataset.error = String(e); });
    }
    nmap.on('click', function (e) {
      document.getElementById('lat').value = e.latlng.lat.toFixed(6);
      document.getElementById('lon').value = e.latlng.lng.toFixed(6);
      document.getElementById('nearby-form').submit();
    });
    if (near.dataset.lat && near.dataset.lon) { show(parseFloat(near.dataset.lat), parseFloat(near.dataset.lon)); }
  }
}());
