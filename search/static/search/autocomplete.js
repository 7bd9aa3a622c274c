/* Suggestions under the search field: the WAI-ARIA combobox pattern with a list popup.
 *
 * Progressive enhancement: without JavaScript the field is a plain search form. With it, the
 * field becomes a combobox whose listbox shows titles from the autocomplete API; arrow keys
 * move through them, Enter opens the one chosen, Escape closes the list, and a live region
 * says how many there are. Every text people read comes from the page (data-autocomplete-*),
 * so it is translated with the templates. No dependency.
 */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_LENGTH = 2;

  function enhance(input) {
    var strings = input.dataset;
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var hint = document.createElement("span");
    var suggestions = [];
    var active = -1;
    var timer = null;
    var controller = null;

    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", strings.autocompleteLabel || "");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    hint.id = input.id + "-hint";
    hint.className = "visually-hidden";
    hint.textContent = strings.autocompleteHint || "";
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    status.insertAdjacentElement("afterend", hint);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var describedBy = (input.getAttribute("aria-describedby") || "").trim();
    input.setAttribute("aria-describedby", (describedBy + " " + hint.id).trim());

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!suggestions.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function announce(count) {
      if (count === 0) status.textContent = strings.autocompleteNone || "";
      else if (count === 1) status.textContent = strings.autocompleteOne || "";
      else status.textContent = (strings.autocompleteMany || "").replace("%(count)s", count);
    }

    function setActive(index) {
      var all = options();
      all.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    }

    function go(index) {
      var suggestion = suggestions[index];
      if (suggestion && suggestion.url) window.location.assign(suggestion.url);
    }

    function render() {
      list.replaceChildren();
      suggestions.forEach(function (suggestion, index) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        title.textContent = suggestion.title;
        option.appendChild(title);
        if (suggestion.kind_label) {
          var kind = document.createElement("span");
          kind.className = "search-suggestions__kind";
          kind.textContent = suggestion.kind_label;
          option.appendChild(kind);
        }
        // Keep the focus in the field, so that a click does not close the list first.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          go(index);
        });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (suggestions.length) open();
      else close();
      announce(suggestions.length);
    }

    function load(q) {
      if (controller) controller.abort();
      controller = new AbortController();
      var url = strings.autocompleteUrl + "?q=" + encodeURIComponent(q);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() !== q) return; // an answer to what is no longer typed
          suggestions = data.suggestions || [];
          render();
        })
        .catch(function (error) {
          if (error.name === "AbortError") return;
          suggestions = [];
          close();
        });
    }

    input.addEventListener("input", function () {
      var q = input.value.trim();
      window.clearTimeout(timer);
      if (q.length < MIN_LENGTH) {
        if (controller) controller.abort();
        suggestions = [];
        list.replaceChildren();
        status.textContent = "";
        close();
        return;
      }
      timer = window.setTimeout(function () {
        load(q);
      }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = suggestions.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (list.hidden) open();
        if (event.key === "ArrowDown") setActive(active + 1 < count ? active + 1 : 0);
        else setActive(active > 0 ? active - 1 : count - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault(); // a search field would also empty itself
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(enhance);
})();
