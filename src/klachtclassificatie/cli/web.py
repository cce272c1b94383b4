"""The `klachten web` and `klachten register termijnen` commands.

The web app itself is imported only when `klachten web` runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    STANDAARD_MODEL,
    STANDAARD_REGISTER,
    ModelOptie,
    RegisterOptie,
    app,
    laad_model,
    meld_fouten,
    register_app,
)
from klachtclassificatie.cli.brief import SjablonenOptie


@app.command("web")
def web(
    register: RegisterOptie = STANDAARD_REGISTER,
    model: ModelOptie = STANDAARD_MODEL,
    host: Annotated[
        str, typer.Option(help="Adres waarop de webapp luistert. Een ander adres dan deze computer "
                               "(127.0.0.1) maakt haar bereikbaar voor het team: dan is inloggen "
                               "met een account verplicht.")
    ] = "127.0.0.1",
    poort: Annotated[int, typer.Option(min=1, max=65535, help="Poort van de webapp.")] = 8000,
    achter_proxy: Annotated[
        bool, typer.Option("--achter-proxy", help="De webapp staat achter een reverse proxy (die https "
                                                  "verzorgt): geloof diens X-Forwarded-Proto en "
                                                  "X-Forwarded-For. Inloggen is dan verplicht.")
    ] = False,
    proxy_adres: Annotated[
        str, typer.Option(help="Adres(sen) van de reverse proxy, met komma's gescheiden; alleen van "
                               "daar worden de X-Forwarded-koppen geloofd (met --achter-proxy).")
    ] = "127.0.0.1",
    sessie_minuten: Annotated[
        int, typer.Option(min=1, max=24 * 60, help="Na zoveel minuten zonder activiteit is een "
                                                   "ingelogde sessie verlopen.")
    ] = 30,
    sjablonen: SjablonenOptie = None,
    token: Annotated[str | None, typer.Option(hidden=True, help="Vervallen: gebruik accounts.")] = None,
) -> None:
    """Start de webapp voor de klachtencoördinator in de browser.

    Pagina's: nieuwe klacht, te beoordelen, register met termijnbewaking, jaarverslag en model.
    Standaard alleen bereikbaar vanaf deze computer (http://127.0.0.1:8000), zonder inloggen.
    Met --host (een ander adres) of --achter-proxy werkt een team ermee: iedereen logt in met
    een eigen account (`klachten gebruiker toevoegen`) en de wijzigingsgeschiedenis noemt wie
    wat deed. Zonder proxy is de verbinding niet versleuteld (http); gebruik dat alleen op een
    vertrouwd netwerk. Stoppen met Ctrl+C.

    Voorbeeld: `klachten web` of `klachten web --host 0.0.0.0 --register /srv/klachten/register.sqlite`
    """
    from klachtclassificatie.web.beveiliging import is_loopback

    if token is not None:
        typer.secho("Fout: --token bestaat niet meer; op een server logt ieder in met een eigen account. "
                    "Maak accounts met `klachten gebruiker toevoegen NAAM` en laat --token weg.",
                    fg="red", err=True)
        raise typer.Exit(2)
    from datetime import timedelta

    from klachtclassificatie.web import server
    from klachtclassificatie.web.app import controleer_register, maak_app

    met_inloggen = achter_proxy or not is_loopback(host)
    nieuw_register = not register.exists()
    with meld_fouten():
        controleer_register(register, met_inloggen=met_inloggen)  # before a model is trained or loaded
        klachtmodel = laad_model(model)
        app = maak_app(register, klachtmodel, met_inloggen=met_inloggen,
                       proxy=proxy_adres if achter_proxy else None,
                       inactief=timedelta(minutes=sessie_minuten), briefsjablonen=sjablonen)
    if nieuw_register:
        typer.echo(f"nieuw register aangemaakt: {register}")
    adres = f"[{host}]" if ":" in host else host
    typer.echo(f"Webapp op http://{adres}:{poort} (register {register}); stoppen met Ctrl+C.")
    if achter_proxy:
        typer.echo(f"Achter de reverse proxy op {proxy_adres}; inloggen met een account is verplicht.")
    elif met_inloggen:
        typer.echo("Inloggen met een account is verplicht; de verbinding zelf is niet versleuteld (http).")
    server.draai(app, host=host, poort=poort)


@register_app.command("termijnen")
def termijnen(
    register: RegisterOptie = STANDAARD_REGISTER,
    peildatum: Annotated[
        str | None, typer.Option(help="Bewaak op deze datum (2024-03-05 of 05-03-2024); standaard vandaag.",
                                 show_default=False)
    ] = None,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon de open klachten met hun wettelijke termijn: wat te laat is en wat binnen een week afloopt.

    De uiterste datum is zes weken na ontvangst, vier weken langer bij verlenging, plus de dagen
    dat de behandeling is opgeschort; valt die op een weekend of feestdag, dan de volgende
    werkdag. "Binnen een week": de uiterste datum is vandaag of binnen zeven dagen.
    --register mag ook een CSV- of XLSX-export zijn.

    Voorbeeld: `klachten register termijnen --register wil.sqlite`
    """
    import json
    from datetime import date

    from klachtclassificatie.register import bewaak, laad_klachten, lees_datum

    try:
        peil = date.today() if peildatum is None else lees_datum(peildatum)
    except ValueError as fout:
        raise typer.BadParameter(str(fout), param_hint="--peildatum") from None
    with meld_fouten():
        bewaking = bewaak(laad_klachten(register), peildatum=peil)
    if json_uitvoer:
        typer.echo(json.dumps(bewaking.als_dict(), ensure_ascii=False, indent=2))
        return
    _toon_termijnen(bewaking)


def _toon_termijnen(bewaking) -> None:
    from rich.console import Console
    from rich.table import Table

    from klachtclassificatie.register import BINNEN_EEN_WEEK, TE_LAAT

    console = Console()
    console.print(f"[bold]Termijnbewaking op {bewaking.peildatum.isoformat()}[/bold]: "
                  f"{len(bewaking.klachten)} open klachten, {len(bewaking.te_laat)} te laat, "
                  f"{len(bewaking.binnen_een_week)} binnen een week.", highlight=False)
    if not bewaking.klachten:
        return
    tabel = Table()
    for kolom in ("klachtnummer", "ontvangen", "gemeente", "behandelaar", "uiterste datum", "dagen", "stand"):
        tabel.add_column(kolom, no_wrap=kolom in ("klachtnummer", "ontvangen", "uiterste datum"))
    stijlen = {TE_LAAT: "bold red", BINNEN_EEN_WEEK: "yellow"}
    for k in bewaking.klachten:
        tabel.add_row(k.klachtnummer, k.ontvangstdatum.isoformat(), k.gemeente, k.behandelaar or "",
                      k.uiterste_datum.isoformat(), k.dagen_tekst, k.stand, style=stijlen.get(k.stand))
    console.print(tabel)
