/* Maps of places (festival venues, archive places), progressively enhanced.
 *
 * Each `[data-map]` element names the JSON script holding its pins
 * ([{name, lat, lng, url, description}]) in `data-pins`, and the tile URL in `data-tile-url`.
 * Without a tile URL (no internet, or none chosen) the pins stand on a plain background;
 * the page always lists the same places as text, so the map is never the only way in. */
(function () {
  "use strict";

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
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: true });
    var tileUrl = element.dataset.tileUrl;
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
        html: '<span class="map-pin__label">' + (index + 1) + "</span>",
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
