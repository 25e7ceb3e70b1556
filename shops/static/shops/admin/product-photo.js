// A product row's photo file stored by an autosave (shops.uploads.photos): the
// server answers with the new image's id for the row's chooser, which Wagtail
// writes into the chooser's hidden input while the chooser still reads "Choose
// an image" beside an emptied file input. This shows the photo in the chooser,
// as if it had been chosen there, so that nobody sends it a second time.
// Without JavaScript there is no autosave, hence nothing to show.
(() => {
  const ROW_IMAGE = /^products-\d+-image$/;

  const showChosen = (chooser, image) => {
    const preview = chooser.querySelector("[data-chooser-image]");
    if (preview) {
      preview.setAttribute("src", image.preview.url);
      preview.setAttribute("width", image.preview.width);
      preview.setAttribute("height", image.preview.height);
    }
    const title = chooser.querySelector("[data-chooser-title]");
    if (title) {
      title.textContent = image.title;
    }
    const edit = chooser.querySelector("[data-chooser-edit-link]");
    if (edit) {
      edit.setAttribute("href", image.edit_url);
      edit.hidden = false;
    }
    chooser.classList.remove("blank");
  };

  document.addEventListener("w-autosave:success", (event) => {
    const updates = event.detail?.response?.field_updates || {};
    Object.entries(updates).forEach(([name, id]) => {
      const chooser = document.getElementById(`id_${name}-chooser`);
      if (!ROW_IMAGE.test(name) || !id || !chooser) {
        return;
      }
      const url = `${chooser.dataset.chooserUrl}chosen/${encodeURIComponent(id)}/`;
      fetch(url, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => data?.result && showChosen(chooser, data.result))
        .catch(() => {});
    });
  });
})();
