/* The contribution form, enhanced: a file that is too large is named next to its field before
 * anything is sent (the limits come from the server, as data attributes of the form), and the
 * upload shows its progress. Without JavaScript the form posts as usual. */
(function () {
  "use strict";
  var form = document.querySelector("[data-contribute-form]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  // The template writes the limits from the settings; one it leaves out is not checked here
  // (the server checks it anyway).
  function limit(name) { return parseInt(form.dataset[name], 10) || 0; }
  var maxPhoto = limit("maxPhotoBytes");
  var maxMedia = limit("maxMediaBytes");
  var maxRequest = limit("maxRequestBytes");
  var maxPhotos = limit("maxPhotos");
  var progressBox = form.querySelector("[data-upload-progress]");
  var bar = progressBox && progressBox.querySelector("progress");
  var percent = form.querySelector("[data-upload-percent]");
  var errorBox = form.querySelector("[data-upload-error]");

  function megabytes(bytes) { return (bytes / 1048576).toFixed(1).replace(".", ",") + " Mo"; }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    errorBox.setAttribute("tabindex", "-1");
    errorBox.focus();
  }

  // The message goes next to the field, like the server's own errors.
  function fieldError(input, message) {
    var field = input.closest(".field") || input.parentNode;
    var box = field.querySelector("[data-file-error]");
    if (!box) {
      box = document.createElement("div");
      box.className = "errors";
      box.id = input.id + "_file_errors";
      box.setAttribute("role", "alert");
      box.setAttribute("data-file-error", "");
      field.appendChild(box);
    }
    box.textContent = "";
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    field.classList.add("field--error");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", box.id);
    return input;
  }

  function clearFieldError(input) {
    var field = input.closest(".field") || input.parentNode;
    var box = field.querySelector("[data-file-error]");
    if (box) box.remove();
    if (!field.querySelector(".errors")) field.classList.remove("field--error");
    input.removeAttribute("aria-invalid");
  }

  // What is wrong with the chosen files, checked against the server's limits.
  function checkFiles() {
    var first = null;
    var photos = form.querySelector("input[name=photos]");
    var media = form.querySelector("input[name=media]");
    var total = 0;
    if (photos && photos.files) {
      clearFieldError(photos);
      var tooBig = [];
      for (var i = 0; i < photos.files.length; i++) {
        total += photos.files[i].size;
        if (maxPhoto && photos.files[i].size > maxPhoto) tooBig.push(photos.files[i].name + " (" + megabytes(photos.files[i].size) + ")");
      }
      if (maxPhotos && photos.files.length > maxPhotos) {
        first = first || fieldError(photos, "Vous avez choisi " + photos.files.length + " photos : " + maxPhotos + " au plus par envoi.");
      } else if (tooBig.length) {
        first = first || fieldError(photos, "Trop lourd (" + megabytes(maxPhoto) + " au plus par photo) : " + tooBig.join(", ") + ". Choisissez une photo plus légère ou réduisez-la.");
      }
    }
    if (media && media.files && media.files.length) {
      clearFieldError(media);
      var file = media.files[0];
      total += file.size;
      if (maxMedia && file.size > maxMedia) {
        first = first || fieldError(media, "Ce fichier pèse " + megabytes(file.size) + " : un son ou une vidéo ne doit pas dépasser " + megabytes(maxMedia) + ". Raccourcissez-le ou écrivez-nous pour un envoi plus lourd.");
      }
    }
    if (!first && maxRequest && total > maxRequest) {
      first = fieldError(media && media.files && media.files.length ? media : photos,
        "Ensemble, vos fichiers pèsent " + megabytes(total) + " : un envoi ne doit pas dépasser " + megabytes(maxRequest) + ". Envoyez une partie des photos maintenant, le reste dans un second souvenir.");
    }
    return first;
  }

  Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
    input.addEventListener("change", checkFiles);
  });

  form.addEventListener("submit", function (event) {
    var invalid = checkFiles();
    if (invalid) {
      event.preventDefault();
      invalid.focus();
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
      if (request.status === 413) {
        // The web server refused the size before our application saw it: keep the page.
        progressBox.hidden = true;
        var media = form.querySelector("input[name=media]");
        var photos = form.querySelector("input[name=photos]");
        var input = media && media.files && media.files.length ? media : photos;
        fieldError(input, "L'envoi est trop lourd pour le serveur. Choisissez des fichiers plus légers ou moins de photos, puis réessayez : ce que vous avez écrit est conservé.").focus();
        return;
      }
      if (request.status >= 400) {
        progressBox.hidden = true;
        showError("L'envoi n'a pas abouti (erreur " + request.status + "). Réessayez dans un moment : ce que vous avez écrit est conservé.");
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
