"""The report JSON Schema: shipped in the package, valid draft 2020-12, every example-world
report validates, broken reports do not, and its enums follow the code."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest
from test_report_world import check_dict, main_report, world_ids

from newstrace.errors import InputError
from newstrace.report import REPORT_SCHEMA_VERSION, Report, check_report, load_schema, validate_report

jsonschema = pytest.importorskip("jsonschema", reason="report validation needs the optional 'jsonschema' package")


def test_schema_is_package_data_and_valid_2020_12():
    text = resources.files("newstrace.report").joinpath("schema", "report.schema.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema == load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(":" + REPORT_SCHEMA_VERSION)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_example_world_report_validates():
    ids = world_ids()
    assert len(ids) > 30
    for aid in ids:
        r = Report.from_check(check_dict(aid))
        problems = validate_report(r)
        assert problems == [], (r.article.get("source"), problems[:5])
        # And the same after a trip through JSON text, as a report file would make it.
        assert validate_report(json.loads(json.dumps(r.to_dict()))) == []


def test_reports_without_optional_sections_validate():
    for kw in ({"with_provenance": False}, {"with_verdicts": False}, {"with_provenance": False, "with_verdicts": False}):
        assert validate_report(main_report(**kw)) == [], kw
    minimal = Report.from_check({"article": {"text": "", "id": "0"}})
    assert validate_report(minimal) == []


def _broken(mutate):
    d = copy.deepcopy(main_report().to_dict())
    mutate(d)
    return validate_report(d)


@pytest.mark.parametrize(
    "name, mutate, where",
    [
        ("no article", lambda d: d.pop("article"), "(top level)"),
        ("major version 2", lambda d: d.update(schema_version="2.0"), "schema_version"),
        ("unknown top-level key", lambda d: d.update(verdict=[]), "(top level)"),
        ("summary without provenance entry", lambda d: d["summary"].pop("provenance"), "summary"),
        ("share above one", lambda d: d["summary"]["provenance"].update(copied_share=1.5), "summary/provenance/copied_share"),
        ("present provenance summary without shares",
         lambda d: d["summary"]["provenance"].pop("copied_share"), "summary/provenance"),
        ("unknown verdict word", lambda d: d["verdicts"][0].update(label="true"), "verdicts"),
        ("verdict without a label", lambda d: d["verdicts"][0].pop("label"), "verdicts"),
        ("span of three numbers", lambda d: d["claims"]["claims"][0].update(span=[1, 2, 3]), "claims/claims/0/span"),
        ("negative offset", lambda d: d["article"]["paragraphs"][0].__setitem__(0, -1), "article/paragraphs/0/0"),
        ("unknown reuse kind", lambda d: d["provenance"]["groups"][0].update(kind="plagiarism"), "provenance/groups/0/kind"),
        ("credit is not a boolean", lambda d: d["provenance"]["sources"][0]["credit"].update(credited="yes"),
         "provenance/sources/0/credit/credited"),
        ("unknown severity", lambda d: d["signals"][0].update(severity="critical"), "signals/0/severity"),
        ("stance score above one", lambda d: next(v for v in d["verdicts"] if v["evidence"])["evidence"][0].update(score=3),
         "verdicts"),
        ("text is not a string", lambda d: d["article"].update(text=None), "article/text"),
    ],
)
def test_broken_reports_fail(name, mutate, where):
    problems = _broken(mutate)
    assert problems, name
    assert any(p.startswith(where) for p in problems), (name, problems)


def test_check_report_names_the_file_and_the_problem():
    d = main_report().to_dict()
    d["summary"]["provenance"]["copied_share"] = -1
    with pytest.raises(InputError, match=r"bad\.json: does not match the newstrace report schema .*copied_share"):
        check_report(d, source="bad.json")
    check_report(main_report())  # a valid report passes silently


def test_enums_follow_the_code():
    from newstrace.evidence.stance import LABELS
    from newstrace.evidence.verdict import VERDICTS
    from newstrace.reuse.align import HEAVY, LIGHT, VERBATIM
    from newstrace.reuse.classify import BOILERPLATE, COPIED_PROSE, SHARED_QUOTATION
    from newstrace.signals.model import SEVERITIES, TARGETS

    defs = load_schema()["$defs"]
    assert defs["verdict_label"]["enum"] == list(VERDICTS)
    assert defs["stance"]["enum"] == list(LABELS)
    assert defs["severity"]["enum"] == list(SEVERITIES)
    assert defs["signal"]["properties"]["target"]["enum"] == list(TARGETS)
    assert set(defs["reuse_kind"]["enum"]) == {COPIED_PROSE, SHARED_QUOTATION, BOILERPLATE}
    assert defs["edit_level"]["enum"] == [VERBATIM, LIGHT, HEAVY]
