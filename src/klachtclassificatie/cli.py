"""The `klachten` command: a thin Dutch command line over the library.

Heavy libraries (pandas, scikit-learn, spaCy) are imported inside the commands, so that
`klachten --help` stays quick.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie._nederlands import NederlandseApp, zet_nederlands
from klachtclassificatie.errors import KlachtError

zet_nederlands()

PROJECTMAP = Path(__file__).resolve().parents[2]
DEMO_REGISTER = PROJECTMAP / "data" / "demo" / "register-demo.csv"
STANDAARD_REGISTER = Path(typer.get_app_dir("klachtclassificatie")) / "register.sqlite"

app = NederlandseApp(
    help="Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator.\n\n"
    "Voorbeeld: `klachten jaarverslag --jaar 2024 --demo`",
)
register_app = NederlandseApp(
    help="Het klachtenregister: importeren en exporteren.\n\n"
    "Voorbeeld: `klachten register importeer klachten.xlsx`"
)
app.add_typer(register_app, name="register")
annotaties_app = NederlandseApp(
    help="Annotatiebestanden: gelabelde klachtteksten voor het model.\n\n"
    "Voorbeeld: `klachten annotaties controleer data/annotaties`"
)
app.add_typer(annotaties_app, name="annotaties")
ANNOTATIEMAP = PROJECTMAP / "data" / "annotaties"
STANDAARD_MODEL = PROJECTMAP / "models" / "klachtmodel.joblib"

ModelOptie = Annotated[
    Path,
    typer.Option("--model", envvar="KLACHTEN_MODEL", help="Het modelbestand (.joblib, met kaart ernaast)."),
]

RegisterOptie = Annotated[
    Path,
    typer.Option(
        "--register",
        envvar="KLACHTEN_REGISTER",
        help="Het registerbestand (SQLite).",
        show_default=True,
    ),
]


@contextmanager
def _meld_fouten() -> Iterator[None]:
    """Show domain errors as a red Dutch message and exit 1; other errors keep their traceback."""
    try:
        yield
    except KlachtError as fout:
        typer.secho(f"Fout: {fout}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


def _versie(waarde: bool) -> None:
    if waarde:
        typer.echo(f"klachtclassificatie {version('klachtclassificatie')}")
        raise typer.Exit()


@app.callback()
def hoofd(
    versie: Annotated[
        bool,
        typer.Option("--versie", callback=_versie, is_eager=True, help="Toon de versie en stop."),
    ] = False,
) -> None:
    """Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator."""


@register_app.command("importeer")
def register_importeer(
    bestand: Annotated[Path, typer.Argument(help="CSV- of XLSX-bestand met klachten.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    door: Annotated[
        str | None,
        typer.Option(help="Naam voor het auditlog; standaard KLACHTEN_GEBRUIKER of de inlognaam."),
    ] = None,
) -> None:
    """Importeer klachten uit CSV (komma of puntkomma; UTF-8 of Windows-1252) of XLSX.

    Nieuwe klachtnummers worden toegevoegd, gewijzigde rijen bijgewerkt; elke wijziging komt in
    het auditlog. Een bestand met fouten wordt in zijn geheel geweigerd: het register blijft
    ongewijzigd.

    Voorbeeld: `klachten register importeer klachten-2024.csv --register wil.sqlite`
    """
    from klachtclassificatie.register import huidige_gebruiker, importeer

    with _meld_fouten():
        resultaat = importeer(register, bestand, door=door or huidige_gebruiker())
    typer.echo(
        f"{bestand}: {len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} gewijzigd, "
        f"{len(resultaat.ongewijzigd)} ongewijzigd ({resultaat.auditregels} auditregels) "
        f"in {register}"
    )


@register_app.command("exporteer")
def register_exporteer(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand: .csv of .xlsx.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    scheidingsteken: Annotated[
        str, typer.Option(help="Scheidingsteken voor CSV (Excel in het Nederlands verwacht ;).")
    ] = ";",
    woo: Annotated[
        bool, typer.Option("--woo", help="Geanonimiseerde export voor publicatie (Woo).")
    ] = False,
) -> None:
    """Exporteer het register naar CSV (UTF-8, leesbaar in Excel) of XLSX.

    Het bestand kan zonder aanpassing weer worden geïmporteerd. Met --woo: een export om te
    publiceren, met teksten en samenvattingen zonder persoonsgegevens, zonder klantnummer en
    behandelaar, en datums alleen als maand.

    Voorbeeld: `klachten register exporteer register.xlsx` of
    `klachten register exporteer klachten-woo.csv --woo`
    """
    from klachtclassificatie.register import exporteer, laad_klachten, schrijf_tabel, woo_frame

    with _meld_fouten():
        klachten = laad_klachten(register)
        if woo:
            schrijf_tabel(woo_frame(klachten), bestand, scheidingsteken=scheidingsteken)
        else:
            exporteer(klachten, bestand, scheidingsteken=scheidingsteken)
    soort = "geanonimiseerd (Woo) " if woo else ""
    typer.echo(f"{len(klachten)} klachten {soort}geëxporteerd naar {bestand}")


@app.command("jaarverslag")
def jaarverslag(
    jaar: Annotated[int, typer.Option(help="Het verslagjaar.")] = date.today().year - 1,
    register: RegisterOptie = STANDAARD_REGISTER,
    demo: Annotated[
        bool, typer.Option("--demo", help="Gebruik het meegeleverde demoregister (alleen lezen).")
    ] = False,
    formaat: Annotated[str, typer.Option(help="tabel, markdown, json, xlsx of html.")] = "tabel",
    uit: Annotated[
        Path | None, typer.Option(help="Schrijf naar dit bestand (verplicht bij xlsx).")
    ] = None,
    strikt: Annotated[
        bool,
        typer.Option("--strikt", help="Fout als er klachten met onbevestigde labels zijn."),
    ] = False,
) -> None:
    """Maak de tabellen van het jaarverslag klachten.

    Alleen klachten met bevestigde labels tellen mee; het verslag meldt hoeveel er buiten
    beschouwing bleven. --register mag ook een CSV- of XLSX-export zijn.

    Voorbeeld: `klachten jaarverslag --jaar 2024 --demo --formaat json`
    """
    from klachtclassificatie import render
    from klachtclassificatie.register import laad_klachten
    from klachtclassificatie.report import maak_jaarverslag

    if formaat not in render.FORMATEN:
        typer.secho(
            f"Fout: onbekend formaat '{formaat}'; kies uit {', '.join(render.FORMATEN)}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(2)
    if formaat == "xlsx" and uit is None:
        typer.secho("Fout: geef bij --formaat xlsx een bestand op met --uit", fg="red", err=True)
        raise typer.Exit(2)
    with _meld_fouten():
        klachten = laad_klachten(DEMO_REGISTER if demo else register)
        verslag = maak_jaarverslag(klachten, jaar, strikt=strikt)
    if formaat == "tabel" and uit is None:
        from rich.console import Console

        render.toon_in_terminal(verslag, Console())
        return
    if formaat == "xlsx":
        render.schrijf_xlsx(verslag, uit)
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")
        return
    tekst = {
        "json": render.als_json,
        "markdown": render.als_markdown,
        "html": render.als_html,
        "tabel": render.als_markdown,
    }[formaat](verslag)
    if uit is None:
        sys.stdout.write(tekst + "\n")
    else:
        uit.write_text(tekst + "\n", encoding="utf-8")
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")


@annotaties_app.command("controleer")
def annotaties_controleer(
    pad: Annotated[
        Path, typer.Argument(help="Een annotatiebestand of een map met CSV/XLSX-bestanden.")
    ] = ANNOTATIEMAP,
    twijfel: Annotated[
        bool, typer.Option("--twijfel", help="Toon ook de annotaties waarvan het model het label "
                                             "het sterkst betwist (cleanlab).")
    ] = False,
    aantal: Annotated[int, typer.Option(help="Hoeveel twijfelgevallen per doel tonen.")] = 20,
) -> None:
    """Controleer annotatiebestanden en tel de labels.

    Fouten (exitcode 1): onbekende of ontbrekende labels, lege teksten, ontbrekende kolommen,
    dubbele id's en exact dubbele teksten. Waarschuwingen: bijna dubbele teksten (binnen en
    tussen splits) en labels met weinig voorbeelden. Leest dezelfde bestanden als de
    registerimport (komma of puntkomma, UTF-8 of Windows-1252, XLSX).

    Met --twijfel: een gerangschikte lijst van annotaties waarvan het gekruisvalideerde model het
    label betwist, met het label dat het voorstelt. De bestanden worden nooit gewijzigd.

    Voorbeeld: `klachten annotaties controleer data/annotaties --twijfel`
    """
    from klachtclassificatie.annotations import controleer

    with _meld_fouten():
        controle = controleer(pad)
    _toon_controle(controle)
    if not controle.geslaagd:
        raise typer.Exit(1)
    if twijfel:
        from klachtclassificatie.twijfel import twijfelachtige_annotaties

        with _meld_fouten():
            lijst = twijfelachtige_annotaties(_lees(pad))
        for doel, groep in lijst.groupby("doel", sort=False):
            typer.secho(f"\nTwijfelachtige annotaties ({doel}): {len(groep)} gevonden, "
                        f"de eerste {min(aantal, len(groep))}:", bold=True)
            for r in groep.head(aantal).itertuples():
                typer.echo(f"  {r.rang:>3}. {r.bestand} rij {r.rij} (id {r.id}): '{r.label}' "
                           f"({r.kans_label:.0%}); model zegt '{r.suggestie}' ({r.kans_suggestie:.0%})")


def _toon_controle(controle) -> None:
    for naam, aantal in controle.per_bestand.items():
        typer.echo(f"{naam}: {aantal} annotaties")
    for doel, tellingen in controle.aantallen.items():
        typer.echo(f"\nPer {doel}:")
        for waarde, aantal in tellingen.items():
            typer.echo(f"  {waarde:<24} {aantal:>5}")
    if controle.combinaties is not None:
        typer.echo("\nPer combinatie (programmaonderdeel × categorie):")
        typer.echo(controle.combinaties.to_string())
    if controle.lengtes:
        typer.echo("\nLengte in woorden:")
        for split, maten in controle.lengtes.items():
            typer.echo(
                f"  {split}: n={maten['n']}, min {maten['min']}, mediaan {maten['mediaan']:.0f}, "
                f"90% onder {maten['p90']:.0f}, max {maten['max']}"
            )
    if controle.waarschuwingen:
        typer.secho(f"\n{len(controle.waarschuwingen)} waarschuwingen:", fg="yellow")
        for regel in controle.waarschuwingen:
            typer.echo(f"  - {regel}")
    if controle.fouten:
        typer.secho(f"\n{len(controle.fouten)} fouten:", fg="red", err=True)
        for regel in controle.fouten:
            typer.secho(f"  - {regel}", fg="red", err=True)
    else:
        typer.secho("\nGeen fouten gevonden.", fg="green")


def _train_en_bewaar(data: Path, modelpad: Path, *, spacy_model: str | None = None,
                     nauwkeurigheid: float = 0.9):
    from klachtclassificatie import evaluate, model, train

    frame = train.standaard_trainingsdata(data) if data.is_dir() else _lees(data)
    stap = iter(range(1, 100))
    klachtmodel = train.train(
        frame, spacy_model=spacy_model, nauwkeurigheid=nauwkeurigheid,
        voortgang=lambda tekst: typer.echo(f"[{next(stap)}] {tekst}...", err=True),
    )
    test = _testsplit(data)
    if test is not None:
        typer.echo(f"[{next(stap)}] Testsplit scoren ({len(test)} teksten)...", err=True)
        scores = evaluate.evalueer_model(klachtmodel, test)
        klachtmodel.kaart["testsplit"] = {
            doel: {k: s[k] for k in ("n", "accuracy", "macro_f1", "dekking", "accuracy_zeker",
                                     "kalibratiefout", "basislijnen")}
            for doel, s in scores.items()
        }
    model.bewaar(klachtmodel, modelpad)
    return klachtmodel


def _lees(pad: Path):
    from klachtclassificatie.annotations import lees_annotaties

    return lees_annotaties(pad)


def _testsplit(data: Path):
    if not data.is_dir():
        return None
    frame = _lees(data)
    test = frame[frame["split"].str.startswith("test")]
    return test.reset_index(drop=True) if len(test) else None


def _laad_model(modelpad: Path):
    """Load the model; the default model is trained from the shipped corpus on first use."""
    from klachtclassificatie import model

    if modelpad == STANDAARD_MODEL and not modelpad.exists():
        typer.echo("Nog geen model: het standaardmodel wordt eenmalig getraind op "
                   f"{ANNOTATIEMAP} (dit duurt enkele minuten).", err=True)
        return _train_en_bewaar(ANNOTATIEMAP, modelpad)
    return model.laad(modelpad)


@app.command("train")
def train_commando(
    data: Annotated[Path, typer.Option(help="Annotatiemap of -bestand (testbestanden test*.csv "
                                            "worden niet gebruikt om te trainen).")] = ANNOTATIEMAP,
    model: ModelOptie = STANDAARD_MODEL,
    spacy_model: Annotated[
        str | None, typer.Option(help="spaCy-pipeline (naam of pad); standaard nl_core_news_sm als "
                                      "die is geïnstalleerd, anders de lege Nederlandse pipeline.")
    ] = None,
    nauwkeurigheid: Annotated[
        float, typer.Option(min=0.5, max=1.0, help="Suggesties boven de drempel moeten minstens zo "
                                                    "vaak juist zijn.")
    ] = 0.9,
) -> None:
    """Train het model voor categorie en programmaonderdeel en schrijf model en modelkaart.

    Kiest de instellingen met kruisvalidatie, kiest per doel de zekerheidsdrempel en scoort de
    testsplit. Persoonsgegevens worden vóór het trainen uit de teksten verwijderd.

    Voorbeeld: `klachten train --data data/annotaties`
    """
    with _meld_fouten():
        klachtmodel = _train_en_bewaar(data, model, spacy_model=spacy_model,
                                       nauwkeurigheid=nauwkeurigheid)
    kaart = klachtmodel.kaart
    typer.echo(f"\nModel {kaart['versie']} geschreven naar {model} "
               f"({kaart['trainingsdata']['n']} teksten, spaCy: {kaart['spacy']['naam']}).")
    for doel, info in kaart["doelen"].items():
        kv, drempel = info["kruisvalidatie"], info["drempel"]
        regel = (f"  {doel}: {info['hyperparameters']['classificator']} C={info['hyperparameters']['C']}; "
                 f"kruisvalidatie macro-F1 {kv['macro_f1']:.3f}; drempel {drempel['drempel']:.2f} "
                 f"(dekking {drempel['dekking']:.0%})")
        if kaart.get("testsplit"):
            regel += f"; testsplit macro-F1 {kaart['testsplit'][doel]['macro_f1']:.3f}"
        typer.echo(regel)


def _lees_invoertekst(tekst: str | None, bestand: Path | None) -> str:
    if bestand is not None:
        from klachtclassificatie.bestanden import decodeer

        if not bestand.is_file():
            raise typer.BadParameter(f"{bestand} niet gevonden", param_hint="--bestand")
        return decodeer(bestand, bestand.read_bytes())[0]
    if tekst is not None and tekst != "-":
        return tekst
    if sys.stdin.isatty() and tekst is None:
        raise typer.BadParameter("geef een tekst, --bestand of tekst via standaardinvoer")
    return sys.stdin.read()


@app.command("suggereer")
def suggereer(
    tekst: Annotated[str | None, typer.Argument(help="De klachttekst; '-' of leeg leest standaardinvoer.")] = None,
    bestand: Annotated[Path | None, typer.Option(help="Lees de tekst uit dit bestand.")] = None,
    model: ModelOptie = STANDAARD_MODEL,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Stel categorie en programmaonderdeel voor bij een nieuwe klacht.

    Toont per doel de drie waarschijnlijkste labels met kans, de woorden die het zwaarst wogen,
    en "handmatig beoordelen" als de hoogste kans onder de drempel van het model ligt.

    Voorbeeld: `klachten suggereer "Mijn werkcoach luistert niet naar mij"`
    """
    import json

    invoer = _lees_invoertekst(tekst, bestand)
    with _meld_fouten():
        klachtmodel = _laad_model(model)
    [suggesties] = klachtmodel.suggereer([invoer])
    if json_uitvoer:
        typer.echo(json.dumps({d: s.als_dict() for d, s in suggesties.items()}, ensure_ascii=False, indent=2))
        return
    for doel, suggestie in suggesties.items():
        typer.secho(f"{doel}:", bold=True)
        for label, kans in zip(suggestie.labels, suggestie.kansen, strict=True):
            typer.echo(f"  {label:<24} {kans:6.1%}")
        if suggestie.woorden:
            typer.echo(f"  woorden: {', '.join(suggestie.woorden)}")
        if not suggestie.zeker:
            typer.secho(f"  handmatig beoordelen (drempel {klachtmodel.drempels[doel]:.0%})", fg="yellow")


@app.command("label")
def label(
    invoer: Annotated[Path | None, typer.Argument(help="CSV- of XLSX-bestand met klachtteksten.")] = None,
    uit: Annotated[Path | None, typer.Option(help="Uitvoerbestand (.csv of .xlsx).")] = None,
    kolom: Annotated[str, typer.Option(help="Naam van de tekstkolom.")] = "tekst",
    sorteer: Annotated[bool, typer.Option("--sorteer", help="Meest twijfelachtige eerst.")] = False,
    register: Annotated[
        Path | None, typer.Option(help="Zet de suggesties als onbevestigde labels in dit register.")
    ] = None,
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Label veel klachten tegelijk: suggesties per rij, twijfelgevallen gemarkeerd.

    Het invoerbestand wordt nooit gewijzigd; de uitvoer krijgt per doel suggestie, kans, tweede
    keus en een kolom te_beoordelen. Met --register krijgen de klachten in het register zonder
    bevestigde labels een suggestie (bevestigde labels blijven staan).

    Voorbeeld: `klachten label klachten-2019.csv --uit gelabeld.csv --sorteer`
    """
    from rich.progress import Progress

    with _meld_fouten():
        _laad_model(model)
        if register is not None:
            from klachtclassificatie.label import label_register
            from klachtclassificatie.register import huidige_gebruiker

            resultaat = label_register(register, model, door=huidige_gebruiker())
            typer.echo(f"{resultaat['gelabeld']} klachten in {register} kregen een suggestie "
                       f"({resultaat['te_beoordelen']} te beoordelen); "
                       f"{resultaat['bevestigd']} met bevestigde labels ongemoeid gelaten.")
            return
        if invoer is None or uit is None:
            raise typer.BadParameter("geef een invoerbestand en --uit, of --register")
        from klachtclassificatie.label import label_bestand

        with Progress(transient=True) as voortgang:
            taak = voortgang.add_task("Labelen", total=None)
            resultaat = label_bestand(model, invoer, uit, kolom=kolom, sorteer=sorteer,
                                      voortgang=lambda n: voortgang.advance(taak, n))
    typer.echo(f"{resultaat.rijen} klachten gelabeld naar {uit}; "
               f"{resultaat.te_beoordelen} handmatig te beoordelen.")


@app.command("evalueer")
def evalueer(
    data: Annotated[Path | None, typer.Option(help="Scoor het opgeslagen model op dit bestand "
                                                   "(kolommen tekst, categorie, programmaonderdeel).")] = None,
    model: ModelOptie = STANDAARD_MODEL,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    html: Annotated[Path | None, typer.Option(help="Schrijf een HTML-rapport met grafieken.")] = None,
    herhalingen: Annotated[int, typer.Option(min=1, help="Herhalingen van de kruisvalidatie.")] = 3,
) -> None:
    """Hoe vaak heeft het model gelijk?

    Zonder --data: herhaalde gestratificeerde kruisvalidatie op de trainingssplit en de score op de
    testsplit. Met --data: het opgeslagen model gescoord op dat bestand. Per doel: accuracy,
    macro-F1, per klasse precisie/recall/F1, verwarringsmatrix, dekking en accuracy boven de drempel,
    kalibratiefout, en twee basislijnen (meest voorkomende klasse; trefwoordregels).

    Voorbeeld: `klachten evalueer --data andere-klachten.csv --json`
    """
    import json

    from klachtclassificatie import evaluate

    with _meld_fouten():
        klachtmodel = _laad_model(model)
        if data is not None:
            resultaat = {"data": str(data), "model": klachtmodel.versie,
                         **evaluate.evalueer_model(klachtmodel, _lees(data))}
        else:
            training = _train_split()
            test = _testsplit(ANNOTATIEMAP)
            resultaat = {"model": klachtmodel.versie,
                         "kruisvalidatie": evaluate.kruisvalideer(training, klachtmodel.kaart,
                                                                  herhalingen=herhalingen)}
            if test is not None:
                resultaat.update(evaluate.evalueer_model(klachtmodel, test))
    if html is not None:
        from klachtclassificatie.evaluatierapport import schrijf_html

        schrijf_html(resultaat, html)
    if json_uitvoer:
        typer.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
    else:
        _toon_evaluatie(resultaat)
    if html is not None:
        typer.echo(f"HTML-rapport geschreven naar {html}", err=True)


def _train_split():
    from klachtclassificatie.train import standaard_trainingsdata

    return standaard_trainingsdata(ANNOTATIEMAP)


def _toon_evaluatie(resultaat: dict) -> None:
    from klachtclassificatie.model import DOELEN

    typer.echo(f"Model {resultaat['model']}")
    for doel, kv in resultaat.get("kruisvalidatie", {}).items():
        typer.secho(f"\n{doel}: kruisvalidatie ({kv['herhalingen']}x{kv['folds']}-voudig, n={kv['n']})",
                    bold=True)
        for naam in ("model", "meest_voorkomend", "trefwoorden"):
            acc, f1 = kv[f"{naam}.accuracy"], kv[f"{naam}.macro_f1"]
            typer.echo(f"  {naam:<17} accuracy {acc['gemiddeld']:.3f} ± {acc['sd']:.3f}   "
                       f"macro-F1 {f1['gemiddeld']:.3f} ± {f1['sd']:.3f}")
    for doel in DOELEN:
        if doel not in resultaat:
            continue
        s = resultaat[doel]
        bron = resultaat.get("data", "testsplit")
        typer.secho(f"\n{doel}: {bron} (n={s['n']})", bold=True)
        zeker = "—" if s["accuracy_zeker"] is None else f"{s['accuracy_zeker']:.1%}"
        typer.echo(f"  accuracy {s['accuracy']:.3f}   macro-F1 {s['macro_f1']:.3f}   "
                   f"kalibratiefout {s['kalibratiefout']:.3f}")
        typer.echo(f"  drempel {s['drempel']:.2f}: dekking {s['dekking']:.1%}, juist boven drempel {zeker}")
        for naam, b in s["basislijnen"].items():
            typer.echo(f"  basislijn {naam:<17} accuracy {b['accuracy']:.3f}   macro-F1 {b['macro_f1']:.3f}")
        typer.echo("  per klasse (precisie / recall / F1 / n):")
        for klasse, k in s["per_klasse"].items():
            typer.echo(f"    {klasse:<24} {k['precisie']:.2f} / {k['recall']:.2f} / {k['f1']:.2f} / {k['n']}")
        typer.echo("  verwarringsmatrix (rij: juist label, kolom: suggestie):")
        breedte = max(len(k) for k in s["klassen"])
        for klasse, rij in zip(s["klassen"], s["verwarring"], strict=True):
            typer.echo(f"    {klasse:<{breedte}} " + " ".join(f"{v:4d}" for v in rij))


@app.command("anonimiseer")
def anonimiseer(
    invoer: Annotated[str, typer.Argument(help="Een tekst, '-' voor standaardinvoer, of een bestand "
                                               "of map (.txt, .csv, .xlsx).")],
    kolom: Annotated[list[str], typer.Option(help="Tekstkolom(men) van CSV/XLSX.")] = ["tekst"],  # noqa: B006
    controle: Annotated[
        bool, typer.Option("--controle", help="Toon origineel en geanonimiseerd naast elkaar om na "
                                              "te kijken (toont dus persoonsgegevens).")
    ] = False,
) -> None:
    """Vervang persoonsgegevens door genummerde plaatshouders ([PERSOON-1], [BSN-1], ...).

    Een tekst of standaardinvoer: de geanonimiseerde tekst op standaarduitvoer. Een bestand of map:
    een kopie naast elk bestand (naam-geanonimiseerd.txt/.csv/.xlsx) en een verslag met het aantal
    vervangingen per soort, nooit de waarden zelf. Domeinwoorden en de vier gemeenten blijven staan.

    Voorbeeld: `klachten anonimiseer "Mevrouw De Wit belde vanaf 06-12345678"` of
    `klachten anonimiseer dossier/ --kolom omschrijving`
    """
    from klachtclassificatie.privacy import redigeer

    pad = Path(invoer)
    if invoer != "-" and pad.exists():
        from klachtclassificatie.anonimiseer import anonimiseer_pad

        with _meld_fouten():
            verslag = anonimiseer_pad(pad, kolommen=kolom)
        for doel, tellingen in verslag.per_bestand.items():
            typer.echo(f"{doel}: {_tellingen_tekst(tellingen)}")
        typer.echo(f"Totaal: {_tellingen_tekst(verslag.totaal)}")
        return
    tekst = sys.stdin.read() if invoer == "-" else invoer
    redactie = redigeer(tekst)
    if controle:
        _toon_naast_elkaar(tekst, redactie)
    else:
        sys.stdout.write(redactie.tekst + ("" if redactie.tekst.endswith("\n") else "\n"))
    typer.echo(f"Vervangen: {_tellingen_tekst(redactie.tellingen())}", err=True)


def _tellingen_tekst(tellingen: dict[str, int]) -> str:
    return ", ".join(f"{soort} {aantal}" for soort, aantal in tellingen.items()) or "niets"


def _toon_naast_elkaar(origineel: str, redactie) -> None:
    from rich.console import Console
    from rich.table import Table

    tabel = Table("soort", "origineel", "vervangen door", title="Controle: wat is vervangen")
    for v in redactie.vervangingen:
        tabel.add_row(v.type, v.waarde, v.placeholder)
    console = Console()
    console.print(tabel)
    console.print(redactie.tekst, highlight=False, markup=False)
