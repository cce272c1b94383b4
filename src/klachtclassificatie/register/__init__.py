"""The complaint register: complaints, their SQLite database with audit trail, their handling and the legal term."""

from klachtclassificatie.register._afhandeling import (
    WIJZIGBAAR,
    Afhandelstand,
    WijzigingGeweigerd,
    handel_af,
    schort_op,
    verleng,
    wijzig,
)
from klachtclassificatie.register._database import (
    HERKOMST,
    ImportResultaat,
    Register,
    exporteer,
    huidige_gebruiker,
    importeer,
    laad_klachten,
    maak_frame,
    schrijf_tabel,
    woo_frame,
)
from klachtclassificatie.register._klacht import (
    VELDEN,
    VELDNAMEN,
    lees_klachten,
    lees_velden,
)
from klachtclassificatie.register._regels import (
    MAX_OPSCHORTING_DAGEN,
    ONDERGRENS_DATUM,
    lees_datum,
    nummersleutel,
)
from klachtclassificatie.register._schema import SCHEMA_VERSIE, controleer_registerpad
from klachtclassificatie.register._termijn import feestdagen, is_werkdag, uiterste_datum
from klachtclassificatie.register._termijnbewaking import (
    BINNEN_EEN_WEEK,
    OP_TIJD,
    TE_LAAT,
    Termijnbewaking,
    bewaak,
    stand,
)
from klachtclassificatie.register._zoeken import (
    FILTERS,
    FILTERVOCABULAIRES,
    STATUSSEN,
    controleer_filters,
    splits_bevestigd,
    zoek,
)

__all__ = [
    "FILTERS",
    "FILTERVOCABULAIRES",
    "STATUSSEN",
    "BINNEN_EEN_WEEK",
    "HERKOMST",
    "MAX_OPSCHORTING_DAGEN",
    "ONDERGRENS_DATUM",
    "OP_TIJD",
    "SCHEMA_VERSIE",
    "TE_LAAT",
    "VELDEN",
    "VELDNAMEN",
    "WIJZIGBAAR",
    "Afhandelstand",
    "ImportResultaat",
    "Register",
    "Termijnbewaking",
    "WijzigingGeweigerd",
    "bewaak",
    "controleer_filters",
    "controleer_registerpad",
    "exporteer",
    "feestdagen",
    "handel_af",
    "huidige_gebruiker",
    "importeer",
    "is_werkdag",
    "laad_klachten",
    "lees_datum",
    "lees_klachten",
    "lees_velden",
    "maak_frame",
    "nummersleutel",
    "schort_op",
    "schrijf_tabel",
    "splits_bevestigd",
    "stand",
    "uiterste_datum",
    "verleng",
    "wijzig",
    "woo_frame",
    "zoek",
]
