"""The evaluation report as a self-contained HTML page: confusion matrices, coverage and calibration."""

from __future__ import annotations

import html
import io
from pathlib import Path

from klachtclassificatie.bestanden import schrijf_atomair
from klachtclassificatie.classificatie._model import DOELEN


def _svg(figuur) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figuur.tight_layout()
    figuur.savefig(buffer, format="svg")
    plt.close(figuur)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def verwarringsmatrix_svg(s: dict, doel: str) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    matrix = np.array(s["verwarring"])
    figuur, as_ = plt.subplots(figsize=(5.5, 4.5))
    as_.imshow(matrix, cmap="Blues")
    as_.set_xticks(range(len(s["klassen"])), s["klassen"], rotation=35, ha="right", fontsize=8)
    as_.set_yticks(range(len(s["klassen"])), s["klassen"], fontsize=8)
    for (i, j), waarde in np.ndenumerate(matrix):
        as_.text(j, i, str(waarde), ha="center", va="center",
                 color="white" if waarde > matrix.max() / 2 else "black", fontsize=8)
    as_.set_xlabel("suggestie")
    as_.set_ylabel("juist label")
    as_.set_title(f"Verwarringsmatrix {doel}", fontsize=10)
    return _svg(figuur)


def dekking_svg(resultaat: dict) -> str:
    import matplotlib.pyplot as plt

    figuur, as_ = plt.subplots(figsize=(5.5, 4))
    for doel in DOELEN:
        punten = resultaat[doel]["dekkingscurve"]
        as_.plot([p["dekking"] for p in punten], [p["accuracy"] for p in punten], label=doel)
        as_.scatter([resultaat[doel]["dekking"]], [resultaat[doel]["accuracy_zeker"] or 0], marker="o")
    as_.axhline(0.9, color="grey", linestyle=":", linewidth=1)
    as_.set_xlabel("dekking (aandeel met een suggestie)")
    as_.set_ylabel("accuracy van die suggesties")
    as_.set_title("Accuracy tegen dekking (punt: gekozen drempel)", fontsize=10)
    as_.legend(fontsize=8)
    return _svg(figuur)


def kalibratie_svg(resultaat: dict) -> str:
    import matplotlib.pyplot as plt

    figuur, as_ = plt.subplots(figsize=(5.5, 4))
    as_.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1)
    for doel in DOELEN:
        punten = resultaat[doel]["kalibratiecurve"]
        as_.plot([p["kans"] for p in punten], [p["juist"] for p in punten], marker="o", label=doel)
    as_.set_xlabel("voorspelde kans (hoogste)")
    as_.set_ylabel("werkelijk juist")
    as_.set_title("Kalibratie", fontsize=10)
    as_.legend(fontsize=8)
    return _svg(figuur)


def als_html(resultaat: dict) -> str:
    """Render an evaluation result (from evalueer_model, optionally with kruisvalidatie)."""
    import matplotlib

    matplotlib.use("Agg")
    bron = html.escape(resultaat.get("data", "testsplit"))
    delen = [
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">',
        f"<title>Evaluatie model {html.escape(resultaat['model'])}</title>",
        "<style>body{font-family:sans-serif;max-width:62em;margin:2em auto;}table{border-collapse:"
        "collapse;margin:1em 0;}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:right;}"
        "th:first-child,td:first-child{text-align:left;}svg{max-width:100%;height:auto;}</style>",
        f"</head><body><h1>Evaluatie model {html.escape(resultaat['model'])}</h1><p>Gegevens: {bron}</p>",
    ]
    for doel in DOELEN:
        s = resultaat[doel]
        delen.append(f"<h2>{doel}</h2><table><tr><th>maat</th><th>model</th>"
                     "<th>meest voorkomend</th><th>trefwoorden</th></tr>")
        for maat in ("accuracy", "macro_f1"):
            b = s["basislijnen"]
            delen.append(f"<tr><td>{maat}</td><td>{s[maat]:.3f}</td>"
                         f"<td>{b['meest_voorkomend'][maat]:.3f}</td><td>{b['trefwoorden'][maat]:.3f}</td></tr>")
        delen.append("</table>")
        zeker = "—" if s["accuracy_zeker"] is None else f"{s['accuracy_zeker']:.1%}"
        delen.append(f"<p>Drempel {s['drempel']:.2f}: dekking {s['dekking']:.1%}, juist boven de drempel "
                     f"{zeker}; kalibratiefout {s['kalibratiefout']:.3f}.</p>")
        delen.append("<table><tr><th>klasse</th><th>precisie</th><th>recall</th><th>F1</th><th>n</th></tr>")
        for klasse, k in s["per_klasse"].items():
            delen.append(f"<tr><td>{html.escape(klasse)}</td><td>{k['precisie']:.2f}</td>"
                         f"<td>{k['recall']:.2f}</td><td>{k['f1']:.2f}</td><td>{k['n']}</td></tr>")
        delen.append("</table>")
        delen.append(verwarringsmatrix_svg(s, doel))
        if s.get("fouten"):
            delen.append("<h3>Zekerste fouten</h3><table><tr><th>id</th><th>juist</th><th>suggestie</th>"
                         "<th>kans</th></tr>")
            delen += [f"<tr><td>{html.escape(f['id'])}</td><td>{html.escape(f['label'])}</td>"
                      f"<td>{html.escape(f['suggestie'])}</td><td>{f['kans']:.2f}</td></tr>" for f in s["fouten"]]
            delen.append("</table>")
    delen.append("<h2>Dekking en kalibratie</h2>")
    delen.append(dekking_svg(resultaat))
    delen.append(kalibratie_svg(resultaat))
    delen.append("</body></html>")
    return "\n".join(delen)


def schrijf_html(resultaat: dict, pad: Path) -> None:
    pad = Path(pad)
    schrijf_atomair(pad, als_html(resultaat))
