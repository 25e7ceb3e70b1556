/* The "where?" box: suggestions as you type (the gazetteer's places, in a
 * <datalist>), and "Around me" through the browser's geolocation, which sends
 * the position as lat/lon. Without JavaScript the box alone does the work: the
 * server reads the place typed. */
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("search-where");
    if (!box || !window.fetch) { return; }
    var list = document.getElementById(box.getAttribute("list"));
    var form = box.form;
    var status = document.getElementById("search-where-status");
    var timer = null;
    var asked = "";

    function dropPosition() {
      form.querySelectorAll("input[type=hidden][name=lat], input[type=hidden][name=lon]")
        .forEach(function (input) { input.remove(); });
    }

    box.addEventListener("input", function () {
      dropPosition();
      window.clearTimeout(timer);
      var text = box.value.trim();
      if (text.length < 2 || text === asked) { return; }
      timer = window.setTimeout(function () {
        asked = text;
        fetch(box.dataset.suggestUrl + "?q=" + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : { places: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.places.forEach(function (place) {
              var option = document.createElement("option");
              option.value = place.label;
              list.appendChild(option);
            });
          });
      }, 200);
    });

    if (!navigator.geolocation) { return; }
    var nearMe = document.createElement("button");
    nearMe.type = "button";
    nearMe.className = "button button--secondary button--small search-form__near-me";
    nearMe.textContent = box.dataset.nearMeLabel;
    nearMe.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        dropPosition();
        [["lat", position.coords.latitude], ["lon", position.coords.longitude]]
          .forEach(function (pair) {
            var input = document.createElement("input");
            input.type = "hidden";
            input.name = pair[0];
            input.value = pair[1].toFixed(5);
            form.appendChild(input);
          });
        box.value = "";
        form.submit();
      }, function () {
        status.textContent = box.dataset.nearMeFailed;
      }, { timeout: 10000, maximumAge: 60000 });
    });
    box.insertAdjacentElement("afterend", nearMe);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
