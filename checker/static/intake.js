// Progressive enhancement of the machine-list pages. Without JavaScript every action is a plain
// form POST and the server checks everything; with it, removing an entry asks first, and an entry
// form leaves the emission stage and Euro class empty for carriers without a combustion engine.
(function () {
  "use strict";
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
  var carrier = document.getElementById("energy_carrier");
  var classes = ["emission_stage", "euro_class"].map(function (id) {
    return document.getElementById(id);
  }).filter(Boolean);
  if (!carrier || !classes.length) { return; }
  var noEngine = (carrier.dataset.noEngine || "").split(" ");
  function update() {
    var electric = noEngine.indexOf(carrier.value) !== -1;
    classes.forEach(function (select) {
      if (electric) { select.value = ""; }
      select.disabled = electric;
    });
  }
  carrier.addEventListener("change", update);
  update();
}());
