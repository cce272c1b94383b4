"""Batch labelling: suggestions for a whole CSV/XLSX file, streamed in chunks over both cores."""

from __future__ import annotations

import codecs
import gc
import io
import itertools
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from klachtclassificatie.bestanden import atomair_pad, lees_records, schrijf_csv, schrijf_xlsx
from klachtclassificatie.classificatie._model import DOELEN, KlachtModel, laad
from klachtclassificatie.fouten import BestandError

STUKGROOTTE = 2000
INTERN = ["zekerheid"]
#: The model the worker processes use: loaded once in the parent and inherited when they fork,
#: or loaded by each worker where processes cannot fork.
_PROCES_MODEL: KlachtModel | None = None
_PROCES_PAD: str | None = None


@dataclass
class LabelResultaat:
    rijen: int
    te_beoordelen: int
    uitvoer: Path


def _kolommen_voor(doel: str) -> list[str]:
    return [f"{doel}_suggestie", f"{doel}_kans", f"{doel}_tweede", f"{doel}_kans_tweede", f"{doel}_set"]


def _setteksten(set_: np.ndarray, kansen: np.ndarray, klassen) -> list[str]:
    """Each row's prediction set as text, most probable label first ("a of b")."""
    uit = []
    for in_set, rij in zip(set_, kansen, strict=True):
        volgorde = np.argsort(-rij)
        uit.append(" of ".join(str(klassen[j]) for j in volgorde if in_set[j]))
    return uit


def suggesties_als_frame(model: KlachtModel, teksten: list[str]) -> pd.DataFrame:
    """Suggestion columns for a list of texts: per target first and second choice, the prediction
    set, and whether the row needs manual review (with the reason)."""
    voorbewerkt = model.voorbewerk(teksten)
    per_doel, zekerheid = model.kansen_en_zekerheid(voorbewerkt)
    leesbaar = np.array([r is None for r in zekerheid.redenen], dtype=bool)
    rijen = np.arange(len(teksten))
    kolommen: dict[str, np.ndarray] = {}
    eerste_kansen = []
    for doel, (klassen, kansen) in per_doel.items():
        volgorde = kansen.argsort(axis=1)[:, ::-1]
        eerste, tweede = volgorde[:, 0], volgorde[:, 1]
        namen = _kolommen_voor(doel)
        kolommen[namen[0]] = klassen[eerste]
        kolommen[namen[1]] = kansen[rijen, eerste].round(4)
        kolommen[namen[2]] = klassen[tweede]
        kolommen[namen[3]] = kansen[rijen, tweede].round(4)
        kolommen[namen[4]] = np.array(_setteksten(zekerheid.sets[doel], kansen, klassen), dtype=object)
        eerste_kansen.append(kolommen[namen[1]])
    twijfel = ~(zekerheid.zeker["categorie"] & zekerheid.zeker["programmaonderdeel"])
    kolommen["te_beoordelen"] = np.where(twijfel, "ja", "nee").astype(object)
    kolommen["reden"] = np.array([r or "" for r in zekerheid.redenen], dtype=object)
    # internal column, dropped before writing: for sorting and for the register
    kolommen["zekerheid"] = np.where(leesbaar, np.minimum.reduce(eerste_kansen), 0.0)
    return pd.DataFrame(kolommen)


def _records_in_stukken(pad: Path, stukgrootte: int) -> tuple[list[str], Iterator[list[list[str]]]]:
    """The header and the rows of a CSV or XLSX file in chunks of `stukgrootte` (memory stays
    flat), each row as many cells as the header.

    The file is read as `bestanden.lees_tabel` reads it (content decides CSV or XLSX, the whole
    file its encoding, the same cell rules). Raises BestandError now when the file cannot be read
    or has no header, later while iterating when a row cannot be read.
    """
    records, _, _ = lees_records(pad)  # decides type and encoding now, before any work
    kop = next(records, None)
    if not kop or not any(kop):
        raise BestandError(pad, "geen kopregel met kolomnamen gevonden")
    while not kop[-1]:
        kop.pop()
    return kop, _in_stukken(records, len(kop), stukgrootte)


def _in_stukken(records: Iterator[list[str]], breedte: int, stukgrootte: int) -> Iterator[list[list[str]]]:
    stuk = []
    for record in records:
        if not any(record):
            continue  # blank lines, as lees_tabel skips them
        stuk.append((record + [""] * breedte)[:breedte])
        if len(stuk) == stukgrootte:
            yield stuk
            stuk = []
    if stuk:
        yield stuk


def _init_proces(modelpad: str) -> None:
    global _PROCES_MODEL, _PROCES_PAD
    _PROCES_MODEL, _PROCES_PAD = laad(Path(modelpad)), modelpad


def _gelabeld(kop: list[str], stuk: list[list[str]], kolom: str, model: KlachtModel) -> pd.DataFrame:
    """A chunk of input rows with its suggestion columns (and the internal ones) beside them."""
    invoer = pd.DataFrame(stuk, columns=kop)
    return pd.concat([invoer, suggesties_als_frame(model, invoer[kolom].tolist())], axis=1)


def _label_stuk(kop: list[str], stuk: list[list[str]], kolom: str, csv_met_kop: bool | None
                ) -> tuple[pd.DataFrame | bytes, int]:
    """In a worker: (labelled chunk, rows to review). With `csv_met_kop` not None the chunk comes
    back as the UTF-8 bytes of its CSV lines (with the header line when True), ready to write, so
    that formatting runs in the workers and not in the parent that reads and writes."""
    return _als_uitvoer(_gelabeld(kop, stuk, kolom, _PROCES_MODEL), csv_met_kop)


def _als_uitvoer(samen: pd.DataFrame, csv_met_kop: bool | None) -> tuple[pd.DataFrame | bytes, int]:
    """(the labelled chunk as a frame, or as CSV bytes when `csv_met_kop` is not None, rows to review)."""
    twijfel = int((samen["te_beoordelen"] == "ja").sum())
    return (samen if csv_met_kop is None else _csv_regels(samen, met_kop=csv_met_kop)), twijfel


def _csv_regels(samen: pd.DataFrame, *, met_kop: bool) -> bytes:
    """A labelled chunk as the UTF-8 bytes `schrijf_csv` writes for it (without the BOM)."""
    regels = io.BytesIO()  # pandas encodes as it writes (UTF-8)
    schrijf_csv(samen.drop(columns=INTERN), regels, kop=met_kop)
    return regels.getvalue()


@contextmanager
def _gedeeld_model(model: KlachtModel, modelpad: Path):
    """Make `model` (with spaCy loaded) the one forked workers inherit, for the duration of a run."""
    global _PROCES_MODEL, _PROCES_PAD
    # spaCy and what the first suggestion imports (crepes...) load once, before the workers fork
    suggesties_als_frame(model, ["opwarmen"])
    _PROCES_MODEL, _PROCES_PAD = model, str(modelpad)
    # Leave what exists now (model, spaCy, modules) out of garbage collection: a collection in a
    # forked worker would otherwise write to every object's header and so copy the pages it
    # shares with this process (Python's advice for fork without exec).
    gc.freeze()
    try:
        yield model
    finally:
        gc.unfreeze()
        _PROCES_MODEL = _PROCES_PAD = None


def _pool(modelpad: Path, processen: int) -> ProcessPoolExecutor:
    """Workers that inherit the loaded model by forking, or that each load it where fork is missing."""
    if str(modelpad) == _PROCES_PAD and "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(processen, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(processen, initializer=_init_proces, initargs=(str(modelpad),))


def _in_volgorde(kop: list[str], stukken: Iterator[list[list[str]]], kolom: str, modelpad: Path,
                 processen: int, als_csv: bool) -> Iterator[tuple[pd.DataFrame | bytes, int, int]]:
    """(labelled chunk, rows, rows to review) per chunk, labelled in worker processes, in input
    order, at most two chunks per worker in flight; chunks come back as CSV bytes when `als_csv`."""
    with _pool(modelpad, processen) as pool:
        wachtend = []
        for nummer, stuk in enumerate(stukken):
            csv_met_kop = nummer == 0 if als_csv else None
            wachtend.append((len(stuk), pool.submit(_label_stuk, kop, stuk, kolom, csv_met_kop)))
            if len(wachtend) >= 2 * processen:
                rijen, toekomst = wachtend.pop(0)
                stuk, twijfel = toekomst.result()
                yield stuk, rijen, twijfel
        for rijen, toekomst in wachtend:
            stuk, twijfel = toekomst.result()
            yield stuk, rijen, twijfel


def label_bestand(
    modelpad: Path,
    invoer: Path,
    uitvoer: Path,
    *,
    kolom: str = "tekst",
    sorteer: bool = False,
    processen: int = 2,
    stukgrootte: int = STUKGROOTTE,
    voortgang: Callable[[int], None] | None = None,
    dask: str | None = None,
    geladen: KlachtModel | None = None,
) -> LabelResultaat:
    """Write `invoer` with suggestion columns to `uitvoer` (CSV or XLSX), atomically.

    The input is never modified; on any error no output file is left behind. With `dask` (a
    scheduler address) the workers of that Dask cluster label instead of local processes, with
    the same result. `geladen` is the model already loaded from `modelpad`, so that it is not
    loaded twice. Raises BestandError when the text column is missing, ClusterError when the
    cluster cannot be reached.
    """
    invoer, uitvoer = Path(invoer), Path(uitvoer)
    if uitvoer.suffix.lower() not in {".csv", ".xlsx"}:
        raise BestandError(uitvoer, f"onbekend bestandstype '{uitvoer.suffix}'; gebruik .csv of .xlsx")
    if uitvoer.resolve() == invoer.resolve():
        raise BestandError(uitvoer, "het uitvoerbestand mag niet het invoerbestand zijn")
    if not uitvoer.parent.is_dir():
        raise BestandError(uitvoer, f"de map {uitvoer.parent} bestaat niet; maak hem eerst aan of kies "
                                    "een andere plek met --uit")
    if uitvoer.is_dir():
        raise BestandError(uitvoer, "dit is een map; geef een bestandsnaam met .csv of .xlsx")
    model = geladen or laad(modelpad)  # verify the model here, so a bad model fails before any work
    kop, stukken = _records_in_stukken(invoer, stukgrootte)
    eerste = next(stukken, None)
    if eerste is None:
        raise BestandError(invoer, "het bestand heeft een kopregel maar geen rijen om te labelen")
    if kolom not in kop:
        raise BestandError(invoer, f"kolom '{kolom}' niet gevonden; aanwezig: {', '.join(kop)}. "
                                   "Kies een andere met --kolom")
    alle_stukken = itertools.chain([eerste], stukken)
    als_csv = uitvoer.suffix.lower() == ".csv" and not sorteer

    if dask is not None:
        from klachtclassificatie.classificatie._cluster import op_cluster, verbind

        with verbind(dask) as client, atomair_pad(uitvoer) as tijdelijk:
            paren = op_cluster(client, model, (pd.DataFrame(s, columns=kop) for s in alle_stukken), kolom,
                               labelen=suggesties_als_frame, stukgrootte=stukgrootte)
            rijen, twijfel = _schrijf(_samengevoegd(paren, als_csv), tijdelijk, uitvoer.suffix.lower(),
                                      sorteer, voortgang)
        return LabelResultaat(rijen, twijfel, uitvoer)
    with _gedeeld_model(model, modelpad), atomair_pad(uitvoer) as tijdelijk:
        gelabeld = _in_volgorde(kop, alle_stukken, kolom, modelpad, processen, als_csv)
        rijen, twijfel = _schrijf(gelabeld, tijdelijk, uitvoer.suffix.lower(), sorteer, voortgang)
    return LabelResultaat(rijen, twijfel, uitvoer)


def _samengevoegd(paren: Iterator[tuple[pd.DataFrame, pd.DataFrame]], als_csv: bool
                  ) -> Iterator[tuple[pd.DataFrame | bytes, int, int]]:
    """(input chunk, suggestions) pairs from the cluster in the form `_schrijf` takes."""
    for nummer, (invoerstuk, suggesties) in enumerate(paren):
        samen = pd.concat([invoerstuk.reset_index(drop=True), suggesties], axis=1)
        stuk, twijfel = _als_uitvoer(samen, nummer == 0 if als_csv else None)
        yield stuk, len(samen), twijfel


def _schrijf(gelabeld: Iterator[tuple[pd.DataFrame | bytes, int, int]], tijdelijk: Path, soort: str,
             sorteer: bool, voortgang) -> tuple[int, int]:
    """Write labelled chunks as they come (CSV bytes), or all at once (frames: sorted, XLSX).

    Returns (rows, rows to review)."""
    rijen = twijfel = 0
    bewaard = []
    csv_bestand = None
    try:
        for stuk, aantal, te_beoordelen in gelabeld:
            rijen += aantal
            twijfel += te_beoordelen
            if voortgang:
                voortgang(aantal)
            if not isinstance(stuk, bytes):
                bewaard.append(stuk)
                continue
            if csv_bestand is None:
                csv_bestand = tijdelijk.open("wb")
                csv_bestand.write(codecs.BOM_UTF8)  # UTF-8 with BOM, as schrijf_csv writes for Excel
            csv_bestand.write(stuk)
    finally:
        if csv_bestand is not None:
            csv_bestand.close()
    if bewaard:
        alles = pd.concat(bewaard, ignore_index=True)
        if sorteer:
            alles = alles.sort_values("zekerheid", kind="stable")
        alles = alles.drop(columns=INTERN)
        if soort == ".xlsx":
            schrijf_xlsx(tijdelijk, {"Sheet1": alles})
        else:
            schrijf_csv(alles, tijdelijk)
    return rijen, twijfel


def suggestie_items(model: KlachtModel, frame: pd.DataFrame) -> list[dict]:
    """Suggestions for register rows in the form `Register.zet_suggesties` stores."""
    voorbewerkt = model.voorbewerk(frame["tekst"].tolist())
    per_doel, zekerheid = model.kansen_en_zekerheid(voorbewerkt)
    items = []
    for i, nummer in enumerate(frame["klachtnummer"]):
        item = {"klachtnummer": nummer}
        for doel, (klassen, kansen) in per_doel.items():
            volgorde = kansen[i].argsort()[::-1]
            item[doel] = {
                "label": str(klassen[volgorde[0]]), "kans": float(kansen[i][volgorde[0]]),
                "tweede": str(klassen[volgorde[1]]), "kans_tweede": float(kansen[i][volgorde[1]]),
                "zeker": bool(zekerheid.zeker[doel][i]),
                "kansen": {str(k): round(float(p), 4) for k, p in zip(klassen, kansen[i], strict=True)},
            }
        items.append(item)
    return items


def label_register(registerpad: Path, modelpad: Path, *, door: str) -> dict[str, int]:
    """Give every register complaint without confirmed labels a suggestion (never the confirmed)."""
    from klachtclassificatie.register import Register

    with Register.open(registerpad) as register:
        model = laad(modelpad).voor_register(register.klachten())
        open_ = register.zonder_bevestigde_labels()
        totaal = register.aantal()
        items = suggestie_items(model, open_) if len(open_) else []
        gelabeld = register.zet_suggesties(items, model_versie=model.versie, door=door)
    twijfel = sum(not all(item[d]["zeker"] for d in DOELEN) for item in items)
    return {"gelabeld": gelabeld, "te_beoordelen": twijfel, "bevestigd": totaal - len(open_)}
