"""`newstrace claims FILE`: claims and quotes of one article, no archive."""

import json

import pytest
from click.testing import CliRunner

from conftest import SEED
from newstrace.claims import extract_claims, extract_quotes
from newstrace.cli import main
from newstrace.pipeline import load_article

MADE_UP = """Flood waters reach the old town

The regional water authority said on Tuesday that 40 homes in Arnwick were flooded overnight.

"We are doing everything we can to pump the streets dry," said Mayor Ellen Marsh, speaking at a press conference.

The reservoir gates could possibly be opened later this week.
"""

GERMAN = """Hochwasser erreicht die Altstadt

Die regionale Wasserbehörde teilte am Dienstag mit, dass in der Nacht vierzig Häuser in der Stadt überflutet worden seien und dass die Feuerwehr mit allen verfügbaren Kräften im Einsatz sei.

Die Bürgermeisterin sagte auf einer Pressekonferenz, man tue alles, um die Straßen so schnell wie möglich wieder trocken zu bekommen, und bat die Bewohner um Geduld.
"""


def run(*args, input=None):
    return CliRunner().invoke(main, ["claims", *[str(a) for a in args]], input=input)


def test_seed_article_json():
    if not SEED.exists():
        pytest.skip(f"../shared is absent: the seed article {SEED} is not available")
    res = run(SEED, "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["not_analysed"] is None
    claims = doc["claims"]["claims"]
    assert claims and {c["label"] for c in claims} <= {"claim", "opinion", "speculation", "background"}
    assert any(c["label"] == "claim" and "NATO" in c["subjects"] for c in claims)
    for c in claims:
        assert 0.0 <= c["score"] <= 1.0 and isinstance(c["attributed"], bool)
    speakers = [(q["speaker"] or {}).get("name") for q in doc["quotes"]["quotes"]]
    assert "Oleg Belokonev" in speakers
    # The pronoun or surname mention of a quote is resolved to the full name.
    resolved = [q["speaker"] for q in doc["quotes"]["quotes"] if q["speaker"] and q["speaker"]["name"] == "Oleg Belokonev"]
    assert any(s["resolved_by"] != "mention" or s["mention"] != s["name"] for s in resolved)


def test_seed_article_text_table():
    if not SEED.exists():
        pytest.skip(f"../shared is absent: the seed article {SEED} is not available")
    res = run(SEED)
    assert res.exit_code == 0, res.output
    assert "claims" in res.output and "quotes" in res.output
    assert "Belokonev" in res.output
    assert "not analysed" not in res.output


def test_made_up_text(tmp_path):
    p = tmp_path / "flood.txt"
    p.write_text(MADE_UP, encoding="utf-8")
    res = run(p, "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["article"]["title"] == "Flood waters reach the old town"
    quotes = doc["quotes"]["quotes"]
    mayor = [q for q in quotes if q["kind"] == "direct"]
    assert len(mayor) == 1
    assert mayor[0]["text"].startswith("We are doing everything we can")
    assert mayor[0]["speaker"]["name"] == "Ellen Marsh"
    assert mayor[0]["verb"] == "said"
    texts = {c["text"]: c for c in doc["claims"]["claims"]}
    homes = [c for t, c in texts.items() if "40 homes" in t]
    assert homes and homes[0]["attributed"]
    # "could possibly" is a hedge: speculation, not a plain claim.
    gates = [c for t, c in texts.items() if "reservoir gates" in t]
    assert gates and gates[0]["label"] == "speculation"
    # The command reports exactly what the library finds.
    art = load_article(str(p))
    quotes_lib = extract_quotes(art)
    assert doc["claims"] == extract_claims(art, quotes=quotes_lib).to_dict()
    assert doc["quotes"] == quotes_lib.to_dict()


def test_stdin_and_text_format():
    res = run("-", input=MADE_UP)
    assert res.exit_code == 0, res.output
    assert "Ellen Marsh" in res.output
    assert "1 quotes" in res.output or "quotes" in res.output


def test_all_flag_shows_background(tmp_path):
    p = tmp_path / "flood.txt"
    p.write_text(MADE_UP, encoding="utf-8")
    plain = run(p)
    full = run(p, "--all")
    assert plain.exit_code == full.exit_code == 0
    assert "background hidden" in plain.output and "background hidden" not in full.output


def test_missing_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.txt"
    res = run(missing)
    assert res.exit_code == 2
    assert str(missing) in res.output and "not_found" in res.output
    assert "Traceback" not in res.output


def test_empty_inputs(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    res = run(p)
    assert res.exit_code == 2 and "empty" in res.output
    res = run("-", input="   \n")
    assert res.exit_code == 2 and "<stdin>" in res.output and "empty" in res.output


def test_directory_is_refused(tmp_path):
    res = run(tmp_path)
    assert res.exit_code == 2 and "is a directory" in res.output


def test_non_english_says_not_analysed(tmp_path):
    p = tmp_path / "de.txt"
    p.write_text(GERMAN, encoding="utf-8")
    res = run(p)
    assert res.exit_code == 0, res.output
    assert "not analysed" in res.output and "English" in res.output
    doc = json.loads(run(p, "--format", "json").output)
    assert doc["not_analysed"] and "English" in doc["not_analysed"]
    assert doc["claims"]["claims"] == [] and doc["quotes"]["quotes"] == []
