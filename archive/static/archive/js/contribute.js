/* The contribution form, enhanced: a file that is too large is named before sending, and the
 * upload shows its progress. Without JavaScript the form posts as usual. */
(function () {
  "use strict";
  var form = document.querySelector("[data-contribute-form]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var maxPhoto = parseInt(form.dataset.maxPhotoBytes, 10) || 26214400;
  var progressBox = form.querySelector("[data-upload-progress]");
  var bar = progressBox && progressBox.querySelector("progress");
  var percent = form.querySelector("[data-upload-percent]");
  var errorBox = form.querySelector("[data-upload-error]");

  function megabytes(bytes) { return (bytes / 1048576).toFixed(1).replace(".", ",") + " Mo"; }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    errorBox.focus && errorBox.setAttribute("tabindex", "-1");
    errorBox.focus && errorBox.focus();
  }

  form.addEventListener("submit", function (event) {
    var photos = form.querySelector("input[name=photos]");
    var tooBig = [];
    if (photos && photos.files) {
      if (photos.files.length > 20) {
        event.preventDefault();
        showError("Vous avez choisi " + photos.files.length + " photos : 20 au plus par envoi.");
        return;
      }
      for (var i = 0; i < photos.files.length; i++) {
        if (photos.files[i].size > maxPhoto) tooBig.push(photos.files[i].name + " (" + megabytes(photos.files[i].size) + ")");
      }
    }
    if (tooBig.length) {
      event.preventDefault();
      showError("Trop lourd (" + megabytes(maxPhoto) + " au plus par photo) : " + tooBig.join(", ") + ".");
      return;
    }
    var hasFiles = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length;
    });
    if (!hasFiles) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    progressBox.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var value = Math.round((e.loaded / e.total) * 100);
      bar.value = value;
      percent.textContent = value + " %";
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL.indexOf("/merci/") !== -1) {
        window.location.assign(request.responseURL);
        return;
      }
      // The form came back with errors: show it as the server rendered it.
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      progressBox.hidden = true;
      showError("L'envoi a échoué (connexion interrompue ?). Vérifiez votre connexion puis réessayez : rien n'a été perdu de ce que vous avez écrit.");
    });
    request.send(new FormData(form));
  });
})();
