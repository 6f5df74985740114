"""Decoding, mojibake repair, glued sentences, whitespace and paragraph handling."""

from __future__ import annotations

from corroborate.clean import clean
from corroborate.clean.textnorm import decode_bytes, fix_mojibake, repair_glued_sentences
from corroborate.model import Document


def test_mojibake_repaired() -> None:
    assert fix_mojibake("the councilâ€™s plan") == "the council’s plan"
    assert fix_mojibake("â€œyesâ€\x9d") == "“yes”"
    assert fix_mojibake("MÃ¼nchen, GÃ¶teborg, cafÃ©") == "München, Göteborg, café"
    clean_text = "Ärzte in Malmö sagen “ja” — café, Ça, façade"
    assert fix_mojibake(clean_text) == clean_text


def test_decode_bytes() -> None:
    assert decode_bytes("Göteborg".encode()) == "Göteborg"
    assert decode_bytes("\ufeffGöteborg".encode()) == "Göteborg"
    assert decode_bytes("Malmö räddningstjänst larmades".encode("cp1252")) == "Malmö räddningstjänst larmades"


def test_glued_sentences() -> None:
    assert repair_glued_sentences("the mayor resigned.The council met.") == "the mayor resigned. The council met."
    assert repair_glued_sentences("Он ушёл.Она осталась") == "Он ушёл. Она осталась"
    for untouched in ("see example.com for details", "the U.S.Army base", "version 2.Next", "e.g.The"):
        assert repair_glued_sentences(untouched) == untouched


def test_whitespace_and_paragraphs() -> None:
    text = "  The  bridge\u00a0reopened on Monday,\tofficials said.  \r\n\r\n\r\nTraffic was light\u200b in the morning.  "
    art = clean(Document(origin="t", content=text, kind="text"))
    assert art.text == "The bridge reopened on Monday, officials said.\n\nTraffic was light in the morning."


def test_wrapped_lines_joined() -> None:
    text = ("The bridge over the Tarrow river reopened on Monday after\nrepairs that took almost two years, officials "
            "said.\nTraffic was light in the morning.")
    art = clean(Document(origin="t", content=text, kind="text"))
    assert art.text == ("The bridge over the Tarrow river reopened on Monday after repairs that took almost two years, "
                        "officials said.\n\nTraffic was light in the morning.")


def test_hard_wrapped_paragraphs() -> None:
    para = ("The regional water board said on Thursday that\nreservoir levels had fallen below the seasonal\n"
            "average for the third month in a row.")
    text = "\n\n".join([para] * 1 + [para.replace("Thursday", "Friday"), para.replace("third", "fourth")])
    art = clean(Document(origin="t", content=text, kind="text"))
    assert art.text.count("\n\n") == 2
    assert "\n" not in art.text.replace("\n\n", "")


def test_mojibake_in_document_and_title() -> None:
    art = clean(Document(origin="t", content="The mayorâ€™s office confirmed the closure of the bridge.", kind="text",
                         title="Bridge closedâ€™"))
    assert "mayor’s" in art.text
    assert art.title == "Bridge closed’"
