/* Oral-history player: the transcript follows the recording, a click on a time seeks there,
   #t=754 / ?t=12:34 open the page at that second, and the index can be searched in place.
   Without this script the page is a readable transcript whose times are ordinary links. */
(function () {
  "use strict";

  function parseTime(value) {
    if (!value) return null;
    var text = String(value).trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
    var match = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(text);
    if (!match) return null;
    var ms = match[4] ? parseInt((match[4] + "00").slice(0, 3), 10) : 0;
    return ((parseInt(match[1] || "0", 10) * 60 + parseInt(match[2], 10)) * 60 +
      parseInt(match[3], 10)) * 1000 + ms;
  }

  function shortTime(ms) {
    var s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    s = s % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function requestedTime() {
    var hash = /[#&]t=([^&]+)/.exec(window.location.hash);
    if (hash) return parseTime(decodeURIComponent(hash[1]));
    var query = new URLSearchParams(window.location.search).get("t");
    return parseTime(query);
  }

  function setUp(root) {
    var tapes = Array.prototype.map.call(root.querySelectorAll(".oh-tape"), function (figure) {
      var media = figure.querySelector("video, audio");
      var duration = figure.getAttribute("data-oh-duration");
      return {
        media: media,
        offset: parseInt(figure.getAttribute("data-oh-offset") || "0", 10),
        duration: duration ? parseInt(duration, 10) : null
      };
    });
    var segments = Array.prototype.slice.call(root.querySelectorAll(".oh-segment"));
    var starts = segments.map(function (li) { return parseInt(li.getAttribute("data-oh-start"), 10); });
    var ends = segments.map(function (li) { return parseInt(li.getAttribute("data-oh-end"), 10); });
    var follow = root.querySelector("[data-oh-follow]");
    var current = root.querySelector(".oh-segment.is-current");
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    root.querySelector("[data-oh-tools]").hidden = false;
    tapes.forEach(function (tape) {
      // Captions on from the start; the viewer can still turn them off in the controls.
      if (tape.media.textTracks && tape.media.textTracks[0]) tape.media.textTracks[0].mode = "showing";
    });

    function segmentAt(ms) {
      // Last segment starting at or before ms (binary search), if ms is still inside it.
      var low = 0, high = starts.length - 1, found = -1;
      while (low <= high) {
        var mid = (low + high) >> 1;
        if (starts[mid] <= ms) { found = mid; low = mid + 1; } else { high = mid - 1; }
      }
      if (found >= 0 && ms < ends[found]) return segments[found];
      return null;
    }

    function firstFrom(ms) {
      return segmentAt(ms) || segments.filter(function (li, i) { return starts[i] >= ms; })[0] || null;
    }

    function highlight(li, scroll) {
      if (li === current) return;
      if (current) {
        current.classList.remove("is-current");
        current.removeAttribute("aria-current");
      }
      current = li;
      if (!li) return;
      li.classList.add("is-current");
      li.setAttribute("aria-current", "true");
      if (scroll && follow && follow.checked && !li.contains(document.activeElement)) {
        li.scrollIntoView({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
      }
    }

    function tapeFor(ms) {
      for (var i = 0; i < tapes.length; i++) {
        var t = tapes[i];
        if (ms >= t.offset && (t.duration === null || ms < t.offset + t.duration)) return t;
      }
      return tapes.length ? tapes[tapes.length - 1] : null;
    }

    function seek(ms, play) {
      highlight(firstFrom(ms), true);
      var tape = tapeFor(ms);
      if (!tape) return;
      tapes.forEach(function (other) { if (other !== tape) other.media.pause(); });
      var local = Math.max(0, (ms - tape.offset) / 1000);
      var apply = function () {
        tape.media.currentTime = local;
        if (play) {
          var promise = tape.media.play();
          if (promise && promise.catch) promise.catch(function () {});
        }
      };
      if (tape.media.readyState >= 1) apply();
      else tape.media.addEventListener("loadedmetadata", apply, { once: true });
    }

    tapes.forEach(function (tape, index) {
      tape.media.addEventListener("timeupdate", function () {
        if (tape.media.paused && tape.media.currentTime === 0) return;
        highlight(segmentAt(tape.offset + tape.media.currentTime * 1000), true);
      });
      tape.media.addEventListener("ended", function () {
        var next = tapes[index + 1];
        if (next) seek(next.offset, true);
      });
    });

    root.addEventListener("click", function (event) {
      var link = event.target.closest("[data-oh-seek]");
      if (!link || !root.contains(link) || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var ms = parseInt(link.getAttribute("data-oh-seek"), 10);
      var li = firstFrom(ms);
      history.replaceState(null, "", "?t=" + shortTime(ms) + (li ? "#" + li.id : ""));
      seek(ms, true);
    });

    root.addEventListener("keydown", function (event) {
      var link = event.target.closest(".oh-segment .oh-seek, .oh-chapter .oh-seek");
      if (!link) return;
      var list = Array.prototype.filter.call(
        link.closest("ol").querySelectorAll(".oh-seek"),
        function (a) { return !a.closest("[data-oh-item]").hidden; }
      );
      var index = list.indexOf(link), target = null;
      if (event.key === "ArrowDown") target = list[index + 1];
      else if (event.key === "ArrowUp") target = list[index - 1];
      else if (event.key === "Home") target = list[0];
      else if (event.key === "End") target = list[list.length - 1];
      if (target) {
        event.preventDefault();
        target.focus();
      }
    });

    var filter = root.querySelector("[data-oh-filter]");
    var status = root.querySelector("#oh-filter-status");
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-oh-item]"));
    var texts = items.map(function (li) { return fold(li.textContent); });
    var timer = null;
    filter.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = fold(filter.value).split(/\s+/).filter(Boolean);
        var shown = 0;
        items.forEach(function (li, i) {
          var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
          li.hidden = !match;
          if (match) shown++;
        });
        // The sentences come translated from the template.
        status.textContent = words.length
          ? (shown === 0 ? status.getAttribute("data-oh-none")
            : shown === 1 ? status.getAttribute("data-oh-one")
              : status.getAttribute("data-oh-many").replace("%(count)s", shown))
          : "";
      }, 150);
    });

    function openAtRequestedTime() {
      var ms = requestedTime();
      if (ms === null) return;
      var li = firstFrom(ms);
      highlight(li, false);
      if (li) li.scrollIntoView({ block: "center" });
      seek(ms, false);
    }
    window.addEventListener("hashchange", openAtRequestedTime);
    openAtRequestedTime();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-oh-player]"), setUp);
})();
