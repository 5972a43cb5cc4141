// Progressive enhancement of the award model form: the FOA § 7-9 check answers while the
// officer types. Without JavaScript the same check runs when the form is saved.
(function () {
  "use strict";
  var form = document.getElementById("award-form");
  if (!form || !window.fetch) { return; }
  var timer = null;
  function check() {
    var body = new FormData(form);
    body.delete("submit");
    body.delete("add_row");
    fetch(form.dataset.checkUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        var current = document.getElementById("foa");
        if (!html || !current) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#foa");
        if (fresh) { current.replaceWith(fresh); }
      })
      .catch(function () { /* the check on save still applies */ });
  }
  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  });
  form.addEventListener("change", check);
}());
