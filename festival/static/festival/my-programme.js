/* « Mon programme »: events a visitor stars, kept in this browser only (no account).
 *
 * Progressive enhancement: the star buttons (`[data-star]`) and the « Mon programme » link
 * are in the page, hidden; they show only where this script runs and the browser keeps
 * localStorage. The stars of an edition are one list of event ids under one key; the link
 * and the iCal file carry them in the address (`?e=1,2,3`), which the server reads, so the
 * page of starred events is plain HTML built from public events only. Every text people read
 * comes from the templates, so it is translated with them. No dependency.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-my-programme]");
  if (!root) return;
  var key = "gohelliades-mon-programme-" + root.dataset.myProgramme;
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(key + "-essai", "1");
    storage.removeItem(key + "-essai");
  } catch (error) {
    return; // no storage (a locked-down browser): no stars rather than stars that forget
  }

  function read() {
    try {
      var ids = JSON.parse(storage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids.filter(Number.isInteger) : [];
    } catch (error) {
      return [];
    }
  }

  function write(ids) {
    ids.sort(function (a, b) { return a - b; });
    storage.setItem(key, JSON.stringify(ids));
  }

  function query(ids) {
    return ids.length ? "?e=" + ids.join(",") : "";
  }

  function sameIds(a, b) {
    return a.length === b.length && a.every(function (id, n) { return id === b[n]; });
  }

  function refresh(moveAddress) {
    var ids = read();
    document.querySelectorAll("[data-star]").forEach(function (button) {
      var starred = ids.indexOf(Number(button.dataset.star)) !== -1;
      button.setAttribute("aria-pressed", starred ? "true" : "false");
      button.hidden = false;
    });
    document.querySelectorAll("[data-my-programme-link]").forEach(function (link) {
      link.href = link.dataset.myProgrammeLink + query(ids);
      var count = link.querySelector("[data-my-programme-count]");
      if (count) count.textContent = String(ids.length);
      var holder = link.closest("[hidden]");
      if (holder) holder.hidden = false;
    });
    document.querySelectorAll("[data-my-programme-calendar]").forEach(function (link) {
      link.href = link.dataset.myProgrammeCalendar + query(ids);
      link.hidden = !ids.length;
    });
    // After a change on « Mon programme », its address names what a reload should show.
    if (moveAddress && root.hasAttribute("data-my-programme-page")) {
      window.history.replaceState(null, "", window.location.pathname + query(ids));
    }
  }

  function shownIds() {
    var raw = new URLSearchParams(window.location.search).get("e") || "";
    return raw.split(",").filter(Boolean).map(Number).sort(function (a, b) { return a - b; });
  }

  // « Mon programme » opened from a bookmark or another page: show this browser's stars.
  // A shared address is shown as it is when this browser has none.
  if (root.hasAttribute("data-my-programme-page")) {
    var stored = read();
    if (stored.length && !sameIds(stored, shownIds())) {
      window.location.replace(window.location.pathname + query(stored));
      return;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-star]");
    if (!button) return;
    var id = Number(button.dataset.star);
    var ids = read().filter(function (other) { return other !== id; });
    if (button.getAttribute("aria-pressed") !== "true") ids.push(id);
    write(ids);
    refresh(true);
  });

  // Stars put in another tab of the same browser.
  window.addEventListener("storage", function (event) {
    if (event.key === key) refresh(true);
  });

  refresh(false);
})();
