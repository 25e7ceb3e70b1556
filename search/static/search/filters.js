/* The search filters: folded into "Filters (3)" on a phone so the results come
 * first; on a wide screen they stand open in the side column. Without JavaScript
 * the fold works all the same (it is a <details>), closed at every width. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60em)");
  function follow() {
    var filters = document.getElementById("search-filters");
    if (filters) { filters.open = wide.matches; }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
  if (wide.addEventListener) { wide.addEventListener("change", follow); }
})();
