/* Maps of places (festival venues, archive places), progressively enhanced.
 *
 * Each `[data-map]` element names the JSON script holding its pins
 * ([{name, lat, lng, url, description}]) in `data-pins`, and the tile URL in `data-tile-url`.
 * Without a tile URL (no internet, or none chosen) the pins stand on our own schematic base
 * (`data-base-url`: a small static GeoJSON of the commune, its terrils and main roads), drawn
 * by Leaflet as SVG under the pins. The page always lists the same places as text, so the map
 * is never the only way in. */
(function () {
  "use strict";

  // How each kind of the base's features is drawn (see static/maps/LICENCE.txt).
  var BASE_STYLES = {
    commune: { color: "#8a8172", weight: 2, dashArray: "6 4", fillColor: "#f4efe4", fillOpacity: 1 },
    town: { color: "#c8b79b", weight: 1, fillColor: "#e6d9c3", fillOpacity: 1 },
    site: { color: "#9e3520", weight: 1, fillColor: "#d8b3a4", fillOpacity: 1 },
    terril: { color: "#2e2c29", weight: 1, fillColor: "#55514b", fillOpacity: 1 },
    motorway: { color: "#c99a2e", weight: 5, opacity: 1 },
    road: { color: "#a99d89", weight: 3, opacity: 1 },
  };

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function popupHtml(pin) {
    var title = pin.url
      ? '<a href="' + encodeURI(pin.url) + '">' + escapeHtml(pin.name) + "</a>"
      : "<strong>" + escapeHtml(pin.name) + "</strong>";
    return title + (pin.description ? "<br>" + escapeHtml(pin.description) : "");
  }

  function addBase(map, element, pinBounds) {
    var url = element.dataset.baseUrl;
    if (!url || !window.fetch) return;
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("fond de carte : HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var base = L.geoJSON(data, {
          interactive: false,
          style: function (feature) {
            return BASE_STYLES[feature.properties.kind] || BASE_STYLES.road;
          },
        }).addTo(map); // in Leaflet's overlay pane, under the marker pane: pins stay on top
        map.attributionControl.addAttribution(
          '<a href="' + encodeURI(element.dataset.baseLicenceUrl || url) + '">' +
            escapeHtml(element.dataset.baseAttribution) + "</a>"
        );
        // The commune around the pins: a lone pin is shown among its terrils and roads.
        map.fitBounds(pinBounds.extend(base.getBounds()), { padding: [20, 20], maxZoom: 16 });
      })
      .catch(function () {
        // Pins on a plain ground still work; the places are listed as text on the page.
      });
  }

  function initMap(element) {
    if (typeof L === "undefined" || element.dataset.mapReady) return;
    var source = document.getElementById(element.dataset.pins);
    var pins = source ? JSON.parse(source.textContent) : [];
    pins = pins.filter(function (pin) {
      return pin.lat !== null && pin.lng !== null && pin.lat !== undefined;
    });
    if (!pins.length) return;

    // Shown before Leaflet measures it: a hidden element has no size.
    element.removeAttribute("hidden");
    var tileUrl = element.dataset.tileUrl;
    // Drawn shapes scale cleanly, tiles do not: finer zoom steps only on our own base.
    var map = L.map(element, {
      scrollWheelZoom: false,
      attributionControl: true,
      zoomSnap: tileUrl ? 1 : 0.25,
    });
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: element.dataset.tileAttribution || "",
      }).addTo(map);
    } else {
      element.classList.add("map--no-tiles");
    }

    var bounds = [];
    pins.forEach(function (pin, index) {
      var position = [Number(pin.lat), Number(pin.lng)];
      bounds.push(position);
      var icon = L.divIcon({
        className: "map-pin",
        // The number is seen; the place's name is what a screen reader announces.
        html:
          '<span class="map-pin__label" aria-hidden="true">' + (index + 1) + "</span>" +
          '<span class="map-pin__name">' + escapeHtml(pin.name) + "</span>",
        iconSize: [30, 30],
        iconAnchor: [15, 15],
      });
      // Leaflet markers are focusable buttons: keyboard users open the popup with Enter.
      L.marker(position, { icon: icon, title: pin.name, alt: pin.name, keyboard: true })
        .addTo(map)
        .bindPopup(popupHtml(pin));
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 16);
    } else {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
    }
    if (!tileUrl) addBase(map, element, L.latLngBounds(bounds));
    element.dataset.mapReady = "1";
  }

  function initAll() {
    document.querySelectorAll("[data-map]").forEach(initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
