"""The merchant's week, measured in a real browser: clicks, typed fields, seconds.

    make run RUN_PORT=8800 ENGINE_PORT=8801        # the demo site, in another shell
    .venv/bin/python bench/merchant_week.py --base-url http://127.0.0.1:8800

Playwright drives Debian's Chromium (never ``playwright install``) through the five
tasks a merchant does every week (confirm the hours, add a closure, add a product
with its photo, add an offer, accept an order) and two tasks of a town-hall agent
(verify a new merchant, add an event), each from the admin's dashboard, on a desktop
window (1280 px) and on a 390 px phone, in French as a Lille merchant reads it.

For each run it counts the clicks (taps), the fields typed or chosen, the seconds
the browser took (a machine's time: a person adds reading and typing), whether a
button that had to be pressed lay outside the screen's width, and the widest page
seen against the screen. It also lists any request the admin sent to another
origin. It prints a Markdown table and writes it as JSON (``--out``).

It changes the demo data as a merchant would (a closure, a product, an offer, an
event more; an order accepted; a shop verified). Before the tasks it places a fresh
order for the demo merchant and signs up a complete shop in Lille for the agent to
verify, through the project's own services (``--prepare``, run in a subprocess so
that Django's ORM never runs inside Playwright's event loop).
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path(tempfile.gettempdir())
PASSWORD = "vitrine-demo"  # noqa: S105 (the demo accounts' documented password)
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# How far the widest visible thing reaches past the screen's right edge, even when
# a scrolling wrapper keeps the page itself from growing (a wide table in a box).
# Wagtail's minimap (the editor's outline) is left out: folded, it slides past the
# right edge on purpose.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  let right = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  let culprit = "page";
  for (const el of document.querySelectorAll('main *, .w-panel *, footer *')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height && el.checkVisibility({visibilityProperty: true})
        && !el.closest('.w-minimap')
        && box.right + window.scrollX > right) {
      right = box.right + window.scrollX;
      culprit = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList[0] ? '.' + el.classList[0] : '');
    }
  }
  return [Math.round(right - width), culprit];
}"""


# Preparing the data (runs in a subprocess with Django) --------------------------


def prepare() -> dict:
    """A placed order for ``marchand`` and a complete shop waiting in Lille."""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()

    from demo.orders import _merchant_shop
    from orders.models import Basket, BasketLine, ShopOrder
    from orders.services import Customer, order_place, shop_order_transition
    from orders.slots import pickup_slots
    from orders.states import ShopOrderStatus
    from shops.merchants.signup import SignupRequest, merchant_signup
    from shops.models import ShopPage
    from shops.models.categories import Category
    from territory.communes import Commune

    stamp = time.strftime("%H%M%S")
    shop = _merchant_shop()
    # Earlier runs' orders are accepted first: the merchant starts the task with
    # one new order, as at the counter.
    for earlier in ShopOrder.objects.filter(
        shop=shop,
        status=ShopOrderStatus.PLACED,
        order__customer_email__startswith="bench-",
    ):
        shop_order_transition(shop_order=earlier, target=ShopOrderStatus.ACCEPTED)
    basket = Basket.objects.create()
    product = shop.products.filter(active=True).exclude(stock=0).first()
    BasketLine.objects.create(basket=basket, product=product, quantity=1)
    order = order_place(
        basket=basket,
        customer=Customer(
            name=f"Client Banc {stamp}",
            email=f"bench-{stamp}@example.org",
            language="fr",
        ),
        pickups={shop.pk: pickup_slots(shop)[2].starts_at},
        checkout_token=secrets.token_urlsafe(24),
    )
    basket.delete()
    lille = Commune.objects.get(insee_code="59350")
    pending = merchant_signup(
        request=SignupRequest(
            business_name=f"Fromagerie Banc {stamp}",
            siret="73282932000074",
            commune=lille,
            category=Category.objects.get(osm_key="shop", osm_value="cheese"),
            email=f"fromagerie-{stamp}@example.org",
            password="a-Bench-password-42",  # noqa: S106 (a throw-away demo shop)
        )
    )
    ShopPage.objects.filter(pk=pending.pk).update(
        street_address="12 rue de la Monnaie",
        postal_code="59000",
        opening_hours="Tu-Sa 09:00-19:00",
    )
    pending = ShopPage.objects.get(pk=pending.pk)
    pending.save_revision()
    return {"order": order.reference, "pending_shop": pending.title}


# Measuring ------------------------------------------------------------------------


@dataclass
class Run:
    task: str
    screen: str
    clicks: int = 0
    fields: int = 0
    seconds: float = 0.0
    done: bool = False
    offscreen: list[str] = field(default_factory=list)
    widest_overflow_px: int = 0
    widest: str = ""
    notes: list[str] = field(default_factory=list)
    error: str = ""


class Counted:
    """The page, with every click and typed field counted and every screen checked."""

    def __init__(self, page, run: Run):
        self.page = page
        self.run = run

    def check_width(self) -> None:
        overflow, culprit = self.page.evaluate(OVERFLOW_JS)
        if overflow > self.run.widest_overflow_px:
            self.run.widest_overflow_px = overflow
            self.run.widest = culprit

    def click(self, selector: str, *, what: str = "") -> None:
        target = self.page.locator(selector).first
        target.wait_for(state="visible", timeout=15_000)
        box = target.bounding_box()
        width = self.page.evaluate("document.documentElement.clientWidth")
        if box and box["x"] + box["width"] > width + 1:
            self.run.offscreen.append(what or selector)
        self.run.clicks += 1
        target.click()
        self.page.wait_for_load_state()
        self.check_width()

    def fill(self, selector: str, value: str) -> None:
        self.run.fields += 1
        self.page.locator(selector).first.fill(value)

    def select(self, selector: str, value: str) -> None:
        self.run.fields += 1
        self.page.locator(selector).first.select_option(value)

    def choose_file(self, selector: str, path: str) -> None:
        # The file dialog: one tap to open it, one to pick the photo.
        self.run.clicks += 2
        self.page.locator(selector).first.set_input_files(path)

    def success(self, text: str | None = None) -> None:
        selector = ".messages .success, .messages li.success"
        found = self.page.locator(selector).first
        found.wait_for(timeout=20_000)
        if text and text not in found.inner_text():
            raise AssertionError(found.inner_text())


def _publish(c: Counted) -> None:
    """The editor's publishing action, wherever the screen puts it."""
    publish = c.page.locator("footer button[name=action-publish]").first
    if not publish.is_visible():
        c.click("footer .w-dropdown__toggle", what="more actions")
    c.click("footer button[name=action-publish]", what="publish")
    # Wagtail's autosave may have saved a draft meanwhile; it then asks whether to
    # overwrite "the version saved in another window". A person answers yes.
    confirm = c.page.locator(".w-dialog button:has-text('Publier'):visible").first
    message = c.page.locator(".messages .success").first
    for _ in range(200):
        if message.count():
            break
        if confirm.count():
            c.run.notes.append("asked to overwrite its own autosaved version")
            c.click(".w-dialog button:has-text('Publier'):visible", what="confirm")
        c.page.wait_for_timeout(100)
    c.success()


def _open_editor_tab(c: Counted, tab: str) -> None:
    c.click("a:has-text('Modifier ma page'), a:has-text('Edit my page')", what="edit")
    c.click(f"[role=tab][href='#tab-{tab}']", what=f"tab {tab}")


def _close_date_pickers(c: Counted) -> None:
    """Wagtail's pop-up calendars stay open over the footer until one taps away.

    Counted as the tap a person makes beside them; done by removing them, since
    where "beside" is depends on the screen.
    """
    c.page.wait_for_timeout(400)  # they open a moment after the field's focus
    removed = c.page.evaluate(
        "() => { const open = [...document.querySelectorAll('.xdsoft_datetimepicker')]"
        ".filter((el) => el.offsetParent !== null);"
        " open.forEach((el) => el.remove()); return open.length; }"
    )
    if removed:
        c.run.clicks += 1


def _last_child(c: Counted, relation: str) -> str:
    total = int(c.page.input_value(f"#id_{relation}-TOTAL_FORMS"))
    return f"{relation}-{total - 1}"


# The tasks ------------------------------------------------------------------------


def _new_row(c: Counted, relation: str, tab: str) -> str:
    """Open the editor on a new row: the dashboard's link if it has one."""
    shortcut = f"a[data-bench='task-{relation}']"
    if c.page.locator(shortcut).count():
        c.click(shortcut, what=f"dashboard: add {relation}")
        # The editor adds the row a moment after loading, then drops "?add=" from
        # its address (editor-tasks.js): read the rows only after that.
        c.page.wait_for_url(lambda url: "add=" not in url, timeout=10_000)
        prefix = _last_child(c, relation)
        c.page.locator(f"#inline_child_{prefix}").wait_for(timeout=10_000)
        return prefix
    _open_editor_tab(c, tab)
    c.click(f"#id_{relation}-ADD", what=f"add {relation}")
    return _last_child(c, relation)


def task_hours(c: Counted, ctx: dict) -> None:
    shortcut = "button[data-bench='hours-still-right']"
    if c.page.locator(shortcut).count():
        c.click(shortcut, what="dashboard: still right")
    else:
        _open_editor_tab(c, "horaires_et_fermetures")
        c.click(
            "button:has-text('Horaires toujours exacts'), "
            "button:has-text('Hours still accurate')",
            what="still right",
        )
    c.success()


def task_closure(c: Counted, ctx: dict) -> None:
    prefix = _new_row(c, "closures", "horaires_et_fermetures")
    start = ctx["closure_start"]
    c.fill(f"#id_{prefix}-start_date", start.isoformat())
    c.fill(f"#id_{prefix}-end_date", (start + timedelta(days=2)).isoformat())
    _close_date_pickers(c)
    _publish(c)


def task_product(c: Counted, ctx: dict) -> None:
    prefix = _new_row(c, "products", "produits_et_offres")
    c.fill(f"#id_{prefix}-name", f"Tarte du banc {ctx['stamp']}")
    price = f"#id_{prefix}-price_cents"
    if c.page.get_attribute(price, "type") == "number":
        c.run.notes.append("price typed in cents (2450): the field refuses 24,50")
        c.fill(price, "2450")
    else:
        c.fill(price, ctx["price"])
    photo_file = f"#id_{prefix}-photo_file"
    if c.page.locator(photo_file).count():
        # The row's own file input (shops.uploads.photos): the photo is stored
        # when the page is published.
        c.choose_file(photo_file, ctx["photo"])
    else:
        _upload_with_wagtails_chooser(c, prefix, ctx["photo"])
    _publish(c)


def _upload_with_wagtails_chooser(c: Counted, prefix: str, photo: str) -> None:
    """Before the row had its file input (bench/merchant_week_before.md)."""
    c.click(
        f"#inline_child_{prefix} .chooser__choose-button, "
        f"#inline_child_{prefix} [data-chooser-action-choose]",
        what="choose photo",
    )
    c.click(".modal-content a#tab-label-upload", what="upload tab")
    c.choose_file("#id_image-chooser-upload-file", photo)
    # Wagtail fills the title from the file's name a moment after the choice.
    # (Polled from Python: the admin's CSP refuses evaluated strings.)
    for _ in range(50):
        if c.page.input_value("#id_image-chooser-upload-title"):
            break
        c.page.wait_for_timeout(100)
    c.click(".modal-content form button[type=submit]", what="upload")
    c.page.locator(".modal-content").wait_for(state="detached", timeout=20_000)


def task_offer(c: Counted, ctx: dict) -> None:
    prefix = _new_row(c, "offers", "produits_et_offres")
    c.fill(f"#id_{prefix}-title", "Deux croissants achetés, le troisième offert")
    c.fill(f"#id_{prefix}-text", "Tous les samedis matin de décembre.")
    today = date.today()
    c.fill(f"#id_{prefix}-valid_from", today.isoformat())
    c.fill(f"#id_{prefix}-valid_until", (today + timedelta(days=14)).isoformat())
    _close_date_pickers(c)
    _publish(c)


def task_order(c: Counted, ctx: dict) -> None:
    on_dashboard = f"article:has-text('{ctx['order']}') >> button[value=accept]"
    if c.page.locator(on_dashboard).count():
        c.click(on_dashboard, what="dashboard: accept")
        c.success()
        return
    shortcut = c.page.locator("a[data-bench='orders-to-handle']").first
    if shortcut.count():
        c.click("a[data-bench='orders-to-handle']", what="orders to handle")
    else:
        if not c.page.locator(
            "a.sidebar-menu-item__link:has-text('Commandes')"
        ).first.is_visible():
            c.click("button[aria-label*='menu' i], .sidebar-nav-toggle", what="menu")
        c.click("a.sidebar-menu-item__link:has-text('Commandes')", what="orders menu")
    row = f"tr:has-text('{ctx['order']}'), article:has-text('{ctx['order']}')"
    c.click(f"{row} >> button[value=accept]", what="accept")
    c.success()


def task_verify(c: Counted, ctx: dict) -> None:
    row = f"tr:has-text('{ctx['pending_shop']}')"
    c.click(f"{row} >> a:has-text('Vérifier')", what="verify")
    c.click("form button[type=submit]:has-text('Vérifier')", what="verify and publish")
    c.success()


def task_event(c: Counted, ctx: dict) -> None:
    c.click("a:has-text('Ajouter un événement')", what="add event")
    c.fill("#id_title", f"Marché de Noël du banc {ctx['stamp']}")
    c.select("#id_kind", "market")
    c.fill("#id_summary", "Producteurs et artisans de la métropole.")
    start = ctx["closure_start"]
    c.fill("#id_starts_at", f"{start.isoformat()} 10:00")
    c.fill("#id_ends_at", f"{start.isoformat()} 18:00")
    if c.page.locator("#id_place").count():
        c.run.fields += 1
        c.page.select_option("#id_place", label="Palais Rihour")
    else:
        c.fill("#id_location_name", "Place Rihour")
        c.fill("#id_latitude", "50.6365")
        c.fill("#id_longitude", "3.0620")
    _publish(c)


MERCHANT_TASKS = {
    "confirm hours": task_hours,
    "add a closure": task_closure,
    "product with photo": task_product,
    "add an offer": task_offer,
    "accept an order": task_order,
}
AGENT_TASKS = {"verify a merchant": task_verify, "add an event": task_event}


# Running --------------------------------------------------------------------------


def _photo(path: Path) -> str:
    from PIL import Image

    # A new colour each run: Wagtail asks about duplicates of an earlier upload.
    colour = tuple(secrets.randbelow(256) for _ in range(3))
    Image.new("RGB", (1200, 900), colour).save(path, "JPEG")
    return str(path)


def _log_in(browser, base_url: str, username: str, viewport, outside: list):
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        locale="fr-FR",
        is_mobile=viewport[0] < 500,
        has_touch=viewport[0] < 500,
    )
    context.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((base_url, "data:", "blob:"))
            else None
        ),
    )
    page = context.new_page()
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return context, page


def _measure(page, base_url: str, name: str, screen: str, task, ctx) -> Run:
    run = Run(task=name, screen=screen)
    page.goto(f"{base_url}/admin/")
    counted = Counted(page, run)
    counted.check_width()
    started = time.perf_counter()
    try:
        task(counted, ctx)
        run.done = True
    except Exception as problem:  # a task that fails is a row, not a crash
        run.error = f"{type(problem).__name__}: {str(problem).splitlines()[0][:160]}"
        page.screenshot(
            path=SCRATCH / f"vitrine-bench-{name}-{screen}.png".replace(" ", "-")
        )
    run.seconds = round(time.perf_counter() - started, 1)
    return run


def _prepared(base_url: str) -> dict:
    answer = subprocess.run(
        [sys.executable, __file__, "--prepare"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def bench(base_url: str, only: list[str]) -> tuple[list[Run], list[str]]:
    from playwright.sync_api import sync_playwright

    runs, outside = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
        )
        for offset, (screen, viewport) in enumerate(VIEWPORTS.items()):
            ctx = _prepared(base_url) | {
                "photo": _photo(SCRATCH / f"vitrine-bench-photo-{screen}.jpg"),
                "stamp": time.strftime("%H%M%S"),
                "price": "24,50",
                "closure_start": date.today() + timedelta(days=20 + offset * 7),
            }
            for user, tasks in (
                ("marchand", MERCHANT_TASKS),
                ("agent.lille", AGENT_TASKS),
            ):
                for name, task in tasks.items():
                    if only and name not in only:
                        continue
                    # A fresh sign-in per task: Wagtail would otherwise warn about
                    # the editing session the previous task left open.
                    context, page = _log_in(browser, base_url, user, viewport, outside)
                    runs.append(_measure(page, base_url, name, screen, task, ctx))
                    context.close()
                    print(_row(runs[-1]), flush=True)
        browser.close()
    return runs, sorted(set(outside))


def _row(run: Run) -> str:
    status = "ok" if run.done else f"FAILED ({run.error})"
    if run.notes:
        status += " — " + "; ".join(run.notes)
    offscreen = ", ".join(run.offscreen) or "—"
    return (
        f"| {run.task} | {run.screen} | {run.clicks} | {run.fields} | {run.seconds} "
        f"| {run.widest_overflow_px} {run.widest} | {offscreen} | {status} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8800")
    parser.add_argument("--out", type=Path, help="write the runs as JSON here")
    parser.add_argument("--only", action="append", help="a task's name (repeatable)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare()))
        return
    print(
        "| task | screen | clicks | fields | seconds | page wider than screen (px) "
        "| buttons off screen | result |\n|---|---|---|---|---|---|---|---|"
    )
    runs, outside = bench(args.base_url.rstrip("/"), args.only)
    print(f"\nRequests to other origins: {outside or 'none'}")
    if args.out:
        args.out.write_text(
            json.dumps(
                {"runs": [asdict(run) for run in runs], "outside": outside}, indent=2
            )
        )


if __name__ == "__main__":
    main()
