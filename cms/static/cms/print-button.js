// "Print this trail": the button is hidden until this script shows it, so
// visitors without JavaScript never see a button that does nothing.
document.querySelectorAll("[data-print]").forEach(function (holder) {
  holder.hidden = false;
  holder.querySelector("button").addEventListener("click", function () {
    window.print();
  });
});
