/* The results map: clusters of the current search, and "search this area".
 *
 * Only an enhancement: without JavaScript (or Leaflet) the page is the plain list.
 * Clusters come from /api/v1/search/clusters with the page's own parameters; when
 * the map moves, the list is fetched again for the visible area and swapped in
 * place, and the address bar follows so the result can be shared.
 *
 * Leaflet (150 KB) and the commune outlines load only when the map is shown: at
 * once on a wide screen, after "Show the map" on a phone, where the results come
 * first.
 */
(function () {
  "use strict";

  function searchParams(extra) {
    var params = new URLSearchParams(window.location.search);
    params.delete("page");
    Object.keys(extra).forEach(function (key) { params.set(key, extra[key]); });
    return params;
  }

  function bboxOf(map) {
    var b = map.getBounds();
    return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]
      .map(function (n) { return n.toFixed(5); }).join(",");
  }

  function loadLeaflet(element, ready) {
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = element.dataset.leafletCss;
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = element.dataset.leafletJs;
    script.onload = ready;
    document.head.appendChild(script);
  }

  function offer() {
    var element = document.getElementById("results-map");
    if (!element || !window.fetch) { return; }
    if (window.matchMedia("(min-width: 60em)").matches) {
      loadLeaflet(element, function () { start(element); });
      return;
    }
    var show = document.createElement("button");
    show.type = "button";
    show.className = "button results-map__show";
    show.textContent = element.dataset.showLabel;
    show.addEventListener("click", function () {
      show.remove();
      loadLeaflet(element, function () { start(element); });
    });
    element.insertAdjacentElement("beforebegin", show);
  }

  function start(element) {
    if (!window.L) { return; }
    element.hidden = false;
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.dataset.label);

    var map = L.map(element, { zoomSnap: 1, minZoom: 9, maxZoom: 18 });
    if (element.dataset.tilesUrl) {
      var credit = document.createElement("span");
      credit.textContent = element.dataset.tilesAttribution;
      L.tileLayer(element.dataset.tilesUrl, { attribution: credit.innerHTML }).addTo(map);
    }
    var clusters = L.layerGroup().addTo(map);
    var follow = document.createElement("label");
    follow.className = "results-map__follow";
    follow.innerHTML = '<input type="checkbox" checked> ';
    follow.appendChild(document.createTextNode(element.dataset.followLabel));
    element.insertAdjacentElement("afterend", follow);
    var followBox = follow.querySelector("input");

    function drawClusters() {
      var params = searchParams({ bbox: bboxOf(map), zoom: map.getZoom() });
      fetch(element.dataset.clustersUrl + "?" + params.toString())
        .then(function (response) { return response.ok ? response.json() : { clusters: [] }; })
        .then(function (data) {
          clusters.clearLayers();
          data.clusters.forEach(function (cluster) {
            var size = 28 + Math.min(24, Math.round(Math.log2(cluster.count + 1) * 4));
            var marker = L.marker([cluster.lat, cluster.lon], {
              icon: L.divIcon({
                className: "map-cluster",
                html: "<span>" + cluster.count + "</span>",
                iconSize: [size, size]
              }),
              keyboard: true
            });
            // Focusable (tabindex, role "button" from Leaflet): Enter zooms in.
            marker.on("add", function () {
              marker.getElement().setAttribute(
                "aria-label", cluster.count + " " + element.dataset.clusterLabel);
            });
            marker.on("click", function () {
              map.setView([cluster.lat, cluster.lon], Math.min(map.getZoom() + 2, 18));
            });
            clusters.addLayer(marker);
          });
        });
    }

    function searchArea() {
      var params = searchParams({ bbox: bboxOf(map) });
      var url = window.location.pathname + "?" + params.toString();
      fetch(url, { headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html")
            .getElementById("search-results");
          var current = document.getElementById("search-results");
          if (fresh && current) {
            current.replaceWith(fresh);
            window.history.replaceState(null, "", url);
          }
        });
    }

    // The first view shows the results, not the whole metropolis: their clusters
    // across the outlines' extent give the box to fit (the outlines without any).
    function fitResults(metropolis) {
      var whole = [metropolis.getSouth(), metropolis.getWest(), metropolis.getNorth(),
        metropolis.getEast()].map(function (n) { return n.toFixed(5); }).join(",");
      var params = searchParams({ bbox: whole, zoom: 12 });
      fetch(element.dataset.clustersUrl + "?" + params.toString())
        .then(function (response) { return response.ok ? response.json() : { clusters: [] }; })
        .catch(function () { return { clusters: [] }; })
        .then(function (data) {
          var points = data.clusters.map(function (c) { return [c.lat, c.lon]; });
          if (points.length) {
            map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 15 });
          } else {
            map.fitBounds(metropolis);
          }
          window.setTimeout(function () { ready = true; }, 0);
        });
    }

    // The first fit is the page's own view: only later moves search the area.
    var ready = false;
    map.on("moveend", function () {
      drawClusters();
      if (ready && followBox.checked) { searchArea(); }
    });

    fetch(element.dataset.outlinesUrl)
      .then(function (response) { return response.json(); })
      .then(function (outlines) {
        var layer = L.geoJSON(outlines, {
          style: { color: "#5b6b7a", weight: 1, fillColor: "#eef2f5", fillOpacity: 0.6 },
          interactive: false
        }).addTo(map);
        var bbox = new URLSearchParams(window.location.search).get("bbox");
        var parts = bbox ? bbox.split(",").map(Number) : null;
        if (parts && parts.length === 4 && parts.every(isFinite)) {
          map.fitBounds([[parts[0], parts[1]], [parts[2], parts[3]]]);
          window.setTimeout(function () { ready = true; }, 0);
        } else {
          fitResults(layer.getBounds());
        }
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", offer);
  } else {
    offer();
  }
})();
