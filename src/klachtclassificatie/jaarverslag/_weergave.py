"""Renderers for the annual report: terminal, Markdown, JSON, XLSX and self-contained HTML."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pandas as pd

from klachtclassificatie import bestanden
from klachtclassificatie.bestanden import atomair_pad
from klachtclassificatie.jaarverslag._tabellen import Jaarverslag

FORMATEN = ("tabel", "markdown", "json", "xlsx", "html")


def tabellen(verslag: Jaarverslag) -> dict[str, pd.DataFrame]:
    """The report's tables as titled DataFrames with row and column totals where the report has them."""
    j = verslag.jaar
    per_onderdeel = pd.DataFrame(verslag.per_programmaonderdeel).T
    per_onderdeel["totaal"] = per_onderdeel.sum(axis=1)
    per_onderdeel.loc["Totaal"] = per_onderdeel.sum()
    per_gemeente = pd.DataFrame(verslag.per_gemeente).T
    per_gemeente.loc["totaal"] = per_gemeente.sum()
    resultaat = pd.DataFrame(verslag.resultaat).T
    resultaat.index = [r[0].upper() + r[1:] for r in resultaat.index]
    resultaat.loc["Totaal"] = resultaat.sum()
    procedure = pd.DataFrame({"aantal": verslag.procedure}).rename(index=str.capitalize)
    procedure.loc["Totaal"] = procedure.sum()
    termijn = pd.DataFrame(
        {
            "aantal": {
                "Binnen de wettelijke termijn": verslag.termijn["binnen"],
                "Buiten de wettelijke termijn": verslag.termijn["buiten"],
            }
        }
    )
    uit = {
        f"Ingekomen klachten {j} per programmaonderdeel": per_onderdeel,
        "Ingekomen klachten per gemeente": per_gemeente,
        "Resultaat van de behandelde klachten (naar jaar van afhandeling)": resultaat,
        f"Formele en informele procedure (afgehandeld in {j})": procedure,
        f"Behandeltermijn (afgehandeld in {j})": termijn,
    }
    for naam, frame in uit.items():
        frame.index.name = ""
        uit[naam] = frame.astype(int)
    return uit


def lijsten(verslag: Jaarverslag) -> dict[str, list[str]]:
    """The report's lists (late, well-founded, without klantnummer, left out) as titled lines."""
    j = verslag.jaar
    buiten = [
        f"{k['klachtnummer']}: ontvangen {k['ontvangstdatum']}, uiterlijk {k['uiterste_datum']}, "
        f"afgehandeld {k['afhandeldatum']} ({k['dagen_te_laat']} dagen te laat)"
        for k in verslag.buiten_termijn
    ]
    gegrond = [
        f"{k['samenvatting']} ({k['resultaat']}, {k['klachtnummer']})"
        for k in verslag.gegronde_samenvattingen
    ]
    zonder = [
        f"{k['klachtnummer']} ({k['gemeente']}, ontvangen {k['ontvangstdatum']})"
        for k in verslag.zonder_klantnummer
    ]
    uitgesloten = [f"{n} klachten: {reden}" for reden, n in verslag.uitgesloten.items()]
    return {
        f"Buiten de wettelijke termijn afgehandeld in {j}": buiten or ["geen"],
        "Waar ging het om bij de (gedeeltelijk) gegronde klachten?": gegrond or ["geen"],
        f"Klachten zonder klantnummer ({j})": zonder or ["geen"],
        "Niet meegeteld": uitgesloten or ["geen: alle klachten hebben bevestigde labels"],
    }


def als_json(verslag: Jaarverslag) -> str:
    return json.dumps(verslag.als_dict(), ensure_ascii=False, indent=2)


def als_markdown(verslag: Jaarverslag) -> str:
    delen = [f"# Jaarverslag klachten {verslag.jaar}", ""]
    for titel, frame in tabellen(verslag).items():
        delen += [f"## {titel}", "", _md_tabel(frame), ""]
    for titel, regels in lijsten(verslag).items():
        delen += [f"## {titel}", ""] + [f"- {r}" for r in regels] + [""]
    return "\n".join(delen)


def _md_tabel(frame: pd.DataFrame) -> str:
    kop = [frame.index.name or ""] + [str(c) for c in frame.columns]
    regels = [
        "| " + " | ".join(kop) + " |",
        "|" + "|".join(["---"] + ["---:"] * len(frame.columns)) + "|",
    ]
    for index, rij in frame.iterrows():
        regels.append("| " + " | ".join([str(index)] + [str(v) for v in rij]) + " |")
    return "\n".join(regels)


def toon_in_terminal(verslag: Jaarverslag, console) -> None:
    """Print the tables with rich on `console`."""
    from rich.table import Table

    console.print(f"[bold]Jaarverslag klachten {verslag.jaar}[/bold]\n")
    for titel, frame in tabellen(verslag).items():
        tabel = Table(title=titel, title_justify="left")
        tabel.add_column("")
        for kolom in frame.columns:
            tabel.add_column(str(kolom), justify="right")
        for index, rij in frame.iterrows():
            stijl = "bold" if str(index).lower() == "totaal" else None
            tabel.add_row(str(index), *[str(v) for v in rij], style=stijl)
        console.print(tabel)
        console.print()
    for titel, regels in lijsten(verslag).items():
        console.print(f"[bold]{titel}[/bold]")
        for regel in regels:
            console.print(f"  • {regel}", highlight=False)
        console.print()


def schrijf_xlsx(verslag: Jaarverslag, bestand: Path) -> None:
    """One sheet per table (and per list), written atomically; a text is never a formula."""
    bladen = {f"{nummer} {_bladnaam(titel)}": frame.reset_index()
              for nummer, (titel, frame) in enumerate(tabellen(verslag).items(), start=1)}
    bladen.update({_bladnaam(titel): pd.DataFrame({titel: regels})
                   for titel, regels in lijsten(verslag).items()})
    with atomair_pad(bestand) as tijdelijk:
        bestanden.schrijf_xlsx(tijdelijk, bladen)


def _bladnaam(titel: str) -> str:
    """Excel sheet names: at most 31 characters, no []:*?/\\."""
    schoon = "".join(" " if c in "[]:*?/\\" else c for c in titel)
    return schoon[:28].strip()


def staafdiagram_svg(titel: str, frame: pd.DataFrame, *, sleutel: str | None = None) -> str:
    """A horizontal bar chart of one table (totals left out) as an inline SVG element.

    The chart is an image with the title and a description as its text alternative (the numbers
    are in the table beside it). Every id in it starts with `sleutel` (by default made from the
    title), so several charts on one page never share an id.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = frame.drop(index=[i for i in frame.index if str(i).lower() == "totaal"], errors="ignore")
    data = data.drop(columns=["totaal"], errors="ignore")
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text as text: no glyph definitions with ids
        figuur, as_ = plt.subplots(figsize=(7, 3.2))
        data.plot.barh(ax=as_, width=0.8)
        as_.invert_yaxis()
        as_.set_title(titel, fontsize=10, loc="left")
        as_.set_ylabel("")
        as_.legend(fontsize=8, loc="lower right")
        figuur.tight_layout()
        buffer = io.StringIO()
        figuur.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(figuur)
    svg = buffer.getvalue()
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg[svg.index("<svg") :], flags=re.S)
    sleutel = sleutel or "grafiek-" + (re.sub(r"[^a-z0-9]+", "-", titel.lower()).strip("-") or "zonder-titel")
    svg = re.sub(r'(\bid="|url\(#|href="#)([^")]+)', lambda m: f"{m.group(1)}{sleutel}-{m.group(2)}", svg)
    beschrijving = (f"Staafdiagram van de tabel '{titel}': per rij een staaf per kolom"
                    f" ({', '.join(str(k) for k in data.columns)}). De getallen staan in de tabel.")
    tekst = (f'<title id="{sleutel}-titel">{html.escape(titel)}</title>'
             f'<desc id="{sleutel}-beschrijving">{html.escape(beschrijving)}</desc>')
    begin = svg.index(">") + 1
    kop = svg[: begin - 1] + f' role="img" aria-labelledby="{sleutel}-titel {sleutel}-beschrijving">'
    return kop + tekst + svg[begin:]


def als_html(verslag: Jaarverslag) -> str:
    """A self-contained HTML page: each table with a bar chart, then the lists."""
    delen = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>Jaarverslag klachten {verslag.jaar}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
        "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #bbb;padding:.3em .6em;}"
        "td{text-align:right;}th{text-align:left;background:#eee;}svg{max-width:100%;height:auto;}</style>",
        f"</head><body><h1>Jaarverslag klachten {verslag.jaar}</h1>",
    ]
    for titel, frame in tabellen(verslag).items():
        delen.append(f"<section><h2>{html.escape(titel)}</h2>")
        delen.append(frame.to_html(border=0))
        delen.append(staafdiagram_svg(titel, frame))
        delen.append("</section>")
    for titel, regels in lijsten(verslag).items():
        delen.append(f"<h2>{html.escape(titel)}</h2><ul>")
        delen += [f"<li>{html.escape(r)}</li>" for r in regels]
        delen.append("</ul>")
    delen.append("</body></html>")
    return "\n".join(delen)
