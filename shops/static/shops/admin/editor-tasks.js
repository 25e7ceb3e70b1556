// Dashboard links such as "?add=products#tab-..." open the shop editor with a new,
// empty row of that kind, scrolled into view and its first field focused, so that
// adding a product, an offer or a closure starts where the merchant types.
// Without JavaScript the link still opens the right tab, beside its "Add" button.
(() => {
  const kind = new URLSearchParams(window.location.search).get("add");
  if (!kind || !/^[a-z_]+$/.test(kind)) {
    return;
  }
  const addRow = () => {
    const button = document.getElementById(`id_${kind}-ADD`);
    const total = document.getElementById(`id_${kind}-TOTAL_FORMS`);
    if (!button || !total) {
      return;
    }
    button.click();
    const child = document.getElementById(
      `inline_child_${kind}-${Number(total.value) - 1}`,
    );
    const first = child && child.querySelector("input:not([type=hidden]), textarea");
    if (first) {
      child.scrollIntoView({ block: "start" });
      first.focus();
    }
    // A reload must not add a second row.
    const url = new URL(window.location.href);
    url.searchParams.delete("add");
    window.history.replaceState(null, "", url);
  };
  // After Wagtail's own scripts have set up the inline panels.
  window.addEventListener("load", () => window.setTimeout(addRow, 300));
})();
