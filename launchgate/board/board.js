"use strict";
// The timeline opens at today's line rather than at its (often empty) left edge.
(function () {
  var box = document.querySelector(".timeline-picture");
  var today = box && box.querySelector("svg > line.lg-today");  // not the legend's
  if (!today || box.scrollWidth <= box.clientWidth) { return; }
  var x = today.x1.baseVal.value;
  box.scrollLeft = Math.max(0, x - box.clientWidth / 4);
})();
// The all-launches filters.
(function () {
  var form = document.getElementById("filters");
  var table = document.getElementById("launch-table");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById("filter-count");
  var month = table.getAttribute("data-this-month");
  function words(row, name) { return (row.getAttribute(name) || "").split(" "); }
  function apply() {
    var notReady = form.elements["not-ready"].checked;
    var thisMonth = form.elements["this-month"].checked;
    var owner = form.elements.owner.value;
    var tier = form.elements.tier.value;
    var query = form.elements.search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var show = (!notReady || row.getAttribute("data-ready") === "no") &&
        (!thisMonth || words(row, "data-months").indexOf(month) >= 0) &&
        (!owner || words(row, "data-owners").indexOf(owner) >= 0) &&
        (!tier || row.getAttribute("data-tier") === tier) &&
        (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
      row.hidden = !show;
      if (show) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " launches shown";
  }
  form.hidden = false;
  count.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
