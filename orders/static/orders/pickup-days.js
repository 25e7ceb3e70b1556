/* Pickup in two steps: first the day, then the free half hours of that day.
 *
 * Without JavaScript the one list groups its times by day (<optgroup>) and
 * each time names its day. With it, a day list is put before each pickup list,
 * which then offers only that day's times, as plain ranges ("07:30–08:00").
 */
(function () {
  "use strict";
  var SEPARATOR = " \u00b7 ";

  function twoSteps(select) {
    var groups = Array.prototype.slice.call(select.querySelectorAll("optgroup"));
    if (groups.length === 0) { return; }
    var placeholder = select.querySelector("option[value='']");
    var chosen = select.value;
    var days = document.createElement("select");
    days.id = select.id + "-day";
    days.className = select.className;
    var label = document.createElement("label");
    label.htmlFor = days.id;
    label.textContent = select.form.dataset.dayLabel;
    groups.forEach(function (group, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = group.label;
      if (group.querySelector("option[value='" + chosen + "']")) { option.selected = true; }
      days.appendChild(option);
    });

    function showDay() {
      var group = groups[Number(days.value)];
      var keep = select.value;
      select.replaceChildren();
      if (placeholder) { select.appendChild(placeholder); }
      Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
        var copy = option.cloneNode(true);
        copy.textContent = option.textContent.split(SEPARATOR)[0];
        select.appendChild(copy);
      });
      select.value = keep;
      if (select.value !== keep) { select.value = ""; }
    }

    var anchor = (select.labels && select.labels[0]) || select;
    anchor.parentNode.insertBefore(label, anchor);
    anchor.parentNode.insertBefore(days, anchor);
    days.addEventListener("change", showDay);
    showDay();
  }

  function start() {
    document.querySelectorAll("select[data-pickup]").forEach(twoSteps);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
