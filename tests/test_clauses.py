"""Clause-level claims: factual parts of compound or speculative sentences (claims/clauses.py),
their place in extract_claims, the report output, and how corroboration checks them."""

import json

import pytest

from newstrace import Article
from newstrace.claims import extract_claims
from newstrace.claims.clauses import antecedent, presupposition, relative_clauses, relative_statement
from newstrace.corroborate import _checked_text, reported_content
from newstrace.report.terminal import clause_note

SPECULATIVE = ("Ruritania is a landlocked state bordering Freedonia, and the growing tensions between "
               "Ruritania and Freedonia over water rights may well lead to a wider conflict in the region.")
RELATIVE = ("For Ruritanian farmers, who already pay twice as much for diesel as last year, the coming "
            "harvest could hardly be more difficult.")


def test_presupposed_event_of_a_hedged_clause():
    i = SPECULATIVE.index("and the growing")
    part = presupposition(SPECULATIVE, i, len(SPECULATIVE))
    assert part is not None and part.kind == "presupposition"
    assert SPECULATIVE[part.begin:part.end] == "growing tensions between Ruritania and Freedonia over water rights"
    assert part.statement == "There are growing tensions between Ruritania and Freedonia over water rights."


def test_presupposition_after_a_speech_verb():
    s = "Officials warned that the dispute between Ruritania and Freedonia could drag on for years."
    part = presupposition(s, 0, len(s))
    assert part is not None
    assert s[part.begin:part.end] == "dispute between Ruritania and Freedonia"
    assert part.statement == "There is a dispute between Ruritania and Freedonia."


@pytest.mark.parametrize("sentence", [
    # hypothetical "would": nothing is taken for granted
    "The deployment of Freedonian troops in Ruritania would anger its neighbours.",
    # the writer distances itself
    "The alleged talks between Ruritania and Freedonia may resume soon.",
    # not an event or state
    "The capital of Ruritania could soon run out of water.",
    # indefinite: no presupposition of existence
    "A dispute between Ruritania and Freedonia could drag on for years.",
    # nothing named
    "The growing tensions over water rights may well lead to conflict.",
])
def test_no_presupposition(sentence):
    assert presupposition(sentence, 0, len(sentence)) is None


def test_apparent_is_kept_as_a_cue_not_a_block():
    s = "and the apparent rift between Ruritania and Freedonia may deepen."
    part = presupposition(s, 0, len(s))
    assert part is not None and part.cues == ("apparent",)
    assert "apparent" not in part.statement


def test_non_restrictive_relative_clause_and_its_antecedent():
    [part] = relative_clauses(RELATIVE, 0, len(RELATIVE))
    assert part.kind == "relative"
    assert RELATIVE[part.begin:part.end] == "who already pay twice as much for diesel as last year"
    assert RELATIVE[part.antecedent[0]:part.antecedent[1]] == "Ruritanian farmers"
    assert part.statement == "Ruritanian farmers already pay twice as much for diesel as last year."


def test_antecedent_stops_at_a_preposition_but_keeps_of():
    s = "The deal ends months of disagreement over the price, which had"
    assert s[slice(*antecedent(s, 0, s.index(",")))] == "the price"
    s = "Talks stalled over the future of the port, which"
    assert s[slice(*antecedent(s, 0, s.index(",")))] == "the future of the port"


def test_relative_statement_of_a_split_clause():
    s = "The agreement ends the quarrel over the tariff, which had led Freedonia to close the border."
    b = s.index("which")
    assert relative_statement(s, 0, len(s), b) == "The tariff had led Freedonia to close the border."
    assert relative_statement(s, 0, len(s), 0) is None


def test_extract_claims_keeps_the_speculation_and_adds_the_presupposed_claim():
    art = Article(text=SPECULATIVE)
    claims = extract_claims(art)
    spec = [c for c in claims if c.label == "speculation"]
    assert len(spec) == 1  # the guess stays a guess
    pre = [c for c in claims if c.clause_of and c.clause_of.kind == "presupposition"]
    assert len(pre) == 1
    c = pre[0]
    assert c.label == "claim" and c.checkworthy
    assert art.text[c.begin:c.end] == c.text
    assert spec[0].begin <= c.begin < c.end <= spec[0].end  # inside the speculative clause
    assert claims[c.clause_of.within] is spec[0]
    assert c.clause_of.sentence_text == SPECULATIVE
    assert c.sentence_span == spec[0].sentence_span
    assert set(c.subjects) == {"Ruritania", "Freedonia"}
    assert c.checked_text == c.statement and c.statement.startswith("There are")
    d = c.to_dict()
    assert d["statement"] == c.statement
    assert d["clause_of"] == {"kind": "presupposition", "within": c.clause_of.within, "sentence_text": SPECULATIVE}
    json.dumps(claims.to_dict())
    # the factual first half was already a claim of its own: a coordinated clause
    first = claims[0]
    assert first.label == "claim" and first.clause_of.kind == "coordinated" and first.clause_of.within is None


def test_extract_claims_relative_clause_inside_speculation():
    claims = extract_claims(Article(text=RELATIVE))
    rel = [c for c in claims if c.clause_of and c.clause_of.kind == "relative"]
    assert len(rel) == 1
    assert rel[0].label == "claim"
    assert rel[0].statement == "Ruritanian farmers already pay twice as much for diesel as last year."
    assert "Ruritanian" in " ".join(rel[0].subjects)
    container = claims[rel[0].clause_of.within]
    assert container.label == "speculation" and container.clause_of is None


def test_whole_sentence_claims_are_unchanged():
    s = "The Harbour Authority of Portvale closed the northern container terminal on Monday after a crane collapsed."
    [c] = extract_claims(Article(text=s))
    assert c.clause_of is None and c.statement is None and c.checked_text == c.text
    assert c.to_dict()["clause_of"] is None and c.to_dict()["statement"] == c.text


def test_claim_json_validates_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from newstrace.report.validate import load_schema

    schema = load_schema()
    claims_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/claims"}
    jsonschema.validate(extract_claims(Article(text=SPECULATIVE + " " + RELATIVE)).to_dict(), claims_schema)


def test_clause_note_in_text_output():
    claims = extract_claims(Article(text=SPECULATIVE))
    pre = next(c for c in claims if c.clause_of and c.clause_of.kind == "presupposition")
    note = clause_note(pre.to_dict())
    assert "taken for granted" in note and f"inside #{pre.clause_of.within + 1}" in note
    assert "checked as: There are growing tensions" in note
    assert "inside" not in clause_note(pre.to_dict(), within=False)
    assert clause_note(claims[0].to_dict()).startswith("↳ one clause of the sentence")


@pytest.mark.parametrize("text, content", [
    ("Defence chief Ivo Marek recently told local media his country should be treated like Ostland.",
     "his country should be treated like Ostland."),
    ("“Ruritania is ready for joint exercises. There are talks on formats,” Marek told the paper.",
     "Ruritania is ready for joint exercises. There are talks on formats,"),
    # the quotation opened in an earlier sentence
    ("There are talks on possible formats,” Marek told the Glas newspaper.", "There are talks on possible formats,"),
    ("Fourteen ships and two submarines are taking part, according to the maritime command.",
     "Fourteen ships and two submarines are taking part"),
    ("Marek said that the border crossing will reopen next month.", "the border crossing will reopen next month."),
    # too little left: the whole clause
    ("He said so.", "He said so."),
])
def test_reported_content(text, content):
    assert reported_content(text) == content


def test_corroboration_checks_the_stand_alone_statement():
    claims = extract_claims(Article(text=RELATIVE))
    rel = next(c for c in claims if c.clause_of and c.clause_of.kind == "relative")
    assert _checked_text(rel) == rel.statement
    assert _checked_text(claims[0]) == claims[0].text


def test_schema_refuses_an_unknown_clause_kind():
    jsonschema = pytest.importorskip("jsonschema")
    from newstrace.report.validate import load_schema

    schema = load_schema()
    claims_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/claims"}
    d = extract_claims(Article(text=SPECULATIVE)).to_dict()
    d["claims"][-1]["clause_of"]["kind"] = "footnote"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, claims_schema)


def test_antecedent_starts_at_its_determiner():
    s = "Secure the release of the hostages, who were seized at the border"
    assert s[slice(*antecedent(s, 0, s.index(",")))] == "the release of the hostages"


def test_cli_claims_shows_clause_parts(tmp_path):
    from click.testing import CliRunner

    from newstrace.cli import main

    f = tmp_path / "a.txt"
    f.write_text(SPECULATIVE + "\n\n" + RELATIVE + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["claims", str(f), "--format", "json"])
    assert res.exit_code == 0, res.output
    kinds = [c["clause_of"]["kind"] for c in json.loads(res.output)["claims"]["claims"] if c["clause_of"]]
    assert "presupposition" in kinds and "relative" in kinds
    res = CliRunner().invoke(main, ["claims", str(f)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "taken for granted by the sentence" in res.output
    assert "checked as: Ruritanian farmers already pay" in " ".join(res.output.split())
