"""In a real Chromium: pages fit a laptop and a phone, the skip link, focus in the review queue and
the Back button after a search. Uses the server and browser of test_web_e2e (Debian's chromium)."""

import re

import pytest

from .test_web_e2e import CHROMIUM, browser, registerpad, sync_api, webapp  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
expect = sync_api.expect

BREEDTES = {"laptop": 1366, "telefoon": 390}
PAGINAS = ["/nieuw", "/beoordelen", "/register", "/register?pagina=2", "/register/termijnen",
           "/register/klacht/E2E-1", "/jaarverslag/2024", "/model", "/bestaat-niet"]


@pytest.fixture(params=list(BREEDTES))
def pagina(request, browser):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(locale="nl-NL", viewport={"width": BREEDTES[request.param], "height": 900})
    context.set_default_timeout(15_000)
    pagina = context.new_page()
    yield pagina
    context.close()


def _breedte(pagina) -> tuple[int, int]:
    return pagina.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_no_page_scrolls_sideways(webapp, pagina):  # noqa: F811
    te_breed = {}
    for pad in PAGINAS:
        pagina.goto(webapp.url + pad)
        breed, venster = _breedte(pagina)
        if breed > venster:
            te_breed[pad] = breed
    pagina.goto(webapp.url + "/nieuw")  # the new-complaint page with its suggestions shown
    pagina.fill("#tekst", "Mijn werkcoach schreeuwde tegen mij en mijn uitkering is niet betaald.")
    pagina.click("button[value=suggesties]")
    expect(pagina.locator("#keuze-categorie")).to_be_visible()
    if _breedte(pagina)[0] > _breedte(pagina)[1]:
        te_breed["/nieuw met suggesties"] = _breedte(pagina)[0]
    assert te_breed == {}, f"breder dan {_breedte(pagina)[1]} px: {te_breed}"


def test_the_wide_register_table_scrolls_in_its_own_box_on_a_phone(webapp, browser):  # noqa: F811
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 800})
    pagina = context.new_page()
    pagina.goto(webapp.url + "/register")
    vak = pagina.locator(".tabelvak").first
    assert vak.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone...
    assert vak.evaluate("e => getComputedStyle(e).overflowX") == "auto"  # ...and scrolls inside its box
    context.close()


def test_the_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(webapp, pagina):  # noqa: F811
    pagina.goto(webapp.url + "/register")
    pagina.keyboard.press("Tab")
    expect(pagina.locator(":focus")).to_have_text("Naar de inhoud")
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("document.activeElement.id") == "inhoud"
    pagina.keyboard.press("Tab")  # the next stop is inside the content, past the menu
    assert pagina.evaluate("document.activeElement.closest('main') !== null")


def test_focus_goes_to_the_next_complaint_after_confirming_or_skipping(webapp, browser):  # noqa: F811
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
    pagina = context.new_page()
    pagina.goto(webapp.url + "/beoordelen?volgorde=oudste&vanaf=0")
    eerste = pagina.locator("article.kaart").first.get_attribute("data-klachtnummer")
    pagina.locator("article.kaart").first.locator("button", has_text="Overslaan").click()
    melding = pagina.locator("p.melding")
    expect(melding).to_have_text(f"Klacht {eerste} overgeslagen; die staat nu achteraan in de wachtrij.")
    assert melding.get_attribute("role") == "status" and melding.get_attribute("aria-live") == "polite"
    assert pagina.title().startswith(f"Klacht {eerste} overgeslagen")  # read out first on the new page
    tweede = pagina.locator("article.kaart").first.get_attribute("data-klachtnummer")
    assert tweede != eerste
    assert pagina.evaluate("document.activeElement.closest('article.kaart').dataset.klachtnummer") == tweede

    pagina.locator("article.kaart").first.locator("button", has_text="Bevestigen").click()
    expect(pagina.locator("p.melding")).to_contain_text(f"Klacht {tweede} bevestigd")
    derde = pagina.locator("article.kaart").first.get_attribute("data-klachtnummer")
    assert derde not in (tweede, None)
    # focus is set once the new page has loaded: wait for it (at most 5 s) instead of racing it
    pagina.wait_for_function("document.activeElement && document.activeElement.tagName === 'SELECT'",
                             timeout=5000)
    assert pagina.evaluate("document.activeElement.closest('article.kaart').dataset.klachtnummer") == derde
    context.close()


def test_back_after_opening_a_search_result_shows_the_results_again(webapp, browser):  # noqa: F811
    context = browser.new_context(locale="nl-NL")
    pagina = context.new_page()
    dialogen = []
    pagina.on("dialog", lambda d: (dialogen.append(d.message), d.dismiss()))
    pagina.goto(webapp.url + "/register")
    pagina.fill("#zoek", "energietoeslag")
    pagina.click("form.filters button")
    expect(pagina.locator("#aantal")).not_to_contain_text("van 176 klachten;")
    resultaten = pagina.locator("#resultaten tbody tr a").all_inner_texts()
    assert resultaten and "energietoeslag" not in pagina.url
    assert re.search(r"/register\?zoekopdracht=[\w-]+$", pagina.url)
    pagina.locator("#resultaten tbody tr a").first.click()
    expect(pagina.locator("h1")).to_have_text(f"Klacht {resultaten[0]}")
    antwoord = pagina.go_back()
    assert antwoord is not None and antwoord.status == 200 and antwoord.request.method == "GET"
    expect(pagina.locator("#resultaten tbody tr a")).to_have_text(resultaten)
    expect(pagina.locator("#zoek")).to_have_value("energietoeslag")
    assert dialogen == []
    context.close()
