import io

import docx
import pytest

from klachtclassificatie.register import Register, importeer


@pytest.fixture
def register(register_pad, klachten_csv):
    """T-002 closed as gegrond (received 2024-04-05, extended); T-004 open, without behandelaar."""
    importeer(register_pad, klachten_csv, door="test")
    with Register.open(register_pad, aanmaken=False) as open_register:
        yield open_register


def tekst_van(inhoud: bytes) -> str:
    """All text of a DOCX: body, tables, headers and footers."""
    document = docx.Document(io.BytesIO(inhoud))
    delen = [p.text for p in document.paragraphs]
    delen += [cel.text for tabel in document.tables for rij in tabel.rows for cel in rij.cells]
    for sectie in document.sections:
        delen += [p.text for p in (*sectie.header.paragraphs, *sectie.footer.paragraphs)]
    return "\n".join(delen)
