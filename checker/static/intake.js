// Progressive enhancement of the machine-list pages. Without JavaScript every action is a plain
// form POST; with it, removing an entry asks for confirmation first.
(function () {
  "use strict";
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
}());
