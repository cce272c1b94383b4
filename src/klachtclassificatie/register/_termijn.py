"""The legal handling term of a complaint (Awb 9:11) and the Algemene termijnenwet."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

BEHANDELTERMIJN = timedelta(weeks=6)
VERLENGING = timedelta(weeks=4)


def _pasen(jaar: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand = (h + ell - 7 * m + 114) // 31
    dag = (h + ell - 7 * m + 114) % 31 + 1
    return date(jaar, maand, dag)


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> frozenset[date]:
    """The generally recognised holidays of article 3 of the Algemene termijnenwet."""
    pasen = _pasen(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday it is celebrated the day before
        koningsdag = date(jaar, 4, 26)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen + timedelta(days=1),  # tweede paasdag
            pasen + timedelta(days=39),  # Hemelvaartsdag
            pasen + timedelta(days=50),  # tweede pinksterdag
            koningsdag,
            date(jaar, 5, 5),
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


def is_werkdag(dag: date) -> bool:
    """Whether a term may end on `dag`: not a Saturday, Sunday or Atw holiday."""
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def uiterste_datum(
    ontvangstdatum: date, *, verlenging: bool = False, opschorting_dagen: int = 0
) -> date:
    """Last day on which a complaint is handled within its legal term.

    Six weeks after receipt (Awb 9:11), four more when extended, plus the days it was
    suspended with the complainant's consent; a term ending on a weekend or holiday runs on to
    the next working day (Algemene termijnenwet, article 1).
    """
    if opschorting_dagen < 0:
        raise ValueError("opschorting_dagen must not be negative")
    einde = ontvangstdatum + BEHANDELTERMIJN + timedelta(days=opschorting_dagen)
    if verlenging:
        einde += VERLENGING
    while not is_werkdag(einde):
        einde += timedelta(days=1)
    return einde
