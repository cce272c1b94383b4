"""Batch labelling on an existing Dask cluster: the same suggestions, computed by its workers.

The input is read here, chunk by chunk, with the same rules as local labelling; each window of
chunks becomes a dask.dataframe whose partitions the workers label. The model is sent to every
worker once (`Client.scatter(..., broadcast=True)`); each worker loads spaCy's tokenizer on first
use and keeps it for the rest of the run. Needs the optional extra `dask` (`pip install ".[dask]"`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd

from klachtclassificatie.fouten import ClusterError

#: Seconds to wait for the scheduler before giving up with a Dutch message.
VERBINDINGSTIJD = 10


def _importeer_dask():
    try:
        import dask.dataframe as dd
        from distributed import Client
    except ImportError as fout:
        raise ClusterError("--dask heeft Dask nodig; installeer het met: pip install -e \".[dask]\"") from fout
    return dd, Client


@contextmanager
def verbind(adres: str, *, tijd: float | None = None):
    """A client of the Dask scheduler at `adres` (e.g. tcp://10.0.0.5:8786), closed afterwards.

    Raises ClusterError (Dutch) when the scheduler cannot be reached within `tijd` seconds
    (default VERBINDINGSTIJD).
    """
    _, Client = _importeer_dask()
    tijd = VERBINDINGSTIJD if tijd is None else tijd
    try:
        client = Client(adres, timeout=tijd, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as fout:
        raise ClusterError(
            f"Dask-cluster op '{adres}' niet bereikbaar binnen {tijd:g} s ({type(fout).__name__}); "
            "controleer het adres (bijvoorbeeld tcp://10.0.0.5:8786) en of de scheduler draait"
        ) from fout
    try:
        yield client
    finally:
        client.close()


def _label_partitie(partitie: pd.DataFrame, model, kolom: str, labelen: Callable) -> pd.DataFrame:
    uit = labelen(model, partitie[kolom].tolist())
    uit.index = partitie.index
    return uit


def op_cluster(client, model, stukken: Iterator[pd.DataFrame], kolom: str, *, labelen: Callable,
               stukgrootte: int, venster: int | None = None) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """(input chunk, suggestions) pairs in input order, labelled by the cluster's workers.

    `labelen(model, texts)` gives the suggestion columns for a list of texts. `venster` chunks
    (default two per worker) form one dask.dataframe with partitions of `stukgrootte` rows;
    while the cluster labels one window the next is read, so memory here stays flat.
    """
    dd, _ = _importeer_dask()
    werkers = max(1, len(client.nthreads()))
    venster = venster or 2 * werkers
    voorbeeld = labelen(model, ["voorbeeld"]).iloc[:0]
    gedeeld = client.scatter(model, broadcast=True)  # the model travels to each worker once

    def start(groep: list[pd.DataFrame]):
        frame = pd.concat([s[[kolom]] for s in groep], ignore_index=True)
        delen = dd.from_pandas(frame, chunksize=stukgrootte, sort=True)
        return client.compute(delen.map_partitions(_label_partitie, gedeeld, kolom, labelen, meta=voorbeeld))

    wachtend: list[tuple[list[pd.DataFrame], object]] = []
    groep: list[pd.DataFrame] = []
    for stuk in stukken:
        groep.append(stuk)
        if len(groep) == venster:
            wachtend.append((groep, start(groep)))
            groep = []
            if len(wachtend) > 1:
                yield from _uitpakken(*wachtend.pop(0))
    if groep:
        wachtend.append((groep, start(groep)))
    for oud in wachtend:
        yield from _uitpakken(*oud)


def _uitpakken(groep: list[pd.DataFrame], toekomst) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    try:
        alles = toekomst.result().reset_index(drop=True)
    except ImportError as fout:
        raise ClusterError(f"een werker van het Dask-cluster mist een pakket ({fout}); installeer "
                           "klachtclassificatie met dezelfde versies op de werkers. Er is geen uitvoer "
                           "geschreven") from fout
    except (OSError, TimeoutError) as fout:
        raise ClusterError(f"verbinding met het Dask-cluster verbroken ({type(fout).__name__}); "
                           "er is geen uitvoer geschreven") from fout
    begin = 0
    for stuk in groep:
        yield stuk, alles.iloc[begin:begin + len(stuk)].reset_index(drop=True)
        begin += len(stuk)
