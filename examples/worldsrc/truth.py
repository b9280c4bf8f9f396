"""Ground truth of the example world: roles, reuse, quotations, claims, speakers.

FICTION: everything described here is invented for newstrace.

Every passage, sentence and quotation below is taken from the article texts in
articles.py and asserted to be an exact substring while the truth is built, so the
ground truth cannot drift from the world.
"""

from __future__ import annotations

from . import articles as A

NOTICE = (
    "FICTION. The newstrace example world is invented: Velmark, Drovnia, Aldonia, Ostmere, "
    "Norvania, Vallonne, the Concord Alliance, every person, outlet, domain (.example) and "
    "event in it are made up for testing and demonstrating newstrace. Any resemblance to real "
    "people, outlets or events is structural only: the main story mirrors the pattern of a "
    "real copied-and-embellished article (a lifted wire lede, fabricated claims, a stretched "
    "quotation and a comment-form footer) with fictional names."
)

CLUSTERS = [
    {"id": "wire-velmark-concord", "source": "wire",
     "members": ["wire", "kestrel_wire", "harbourline_wire", "lantern_wire", "ostmere_wire",
                 "karskobs_wire", "copier", "copier_txt"]},
    {"id": "wire-drovnia-reaction", "source": "wire2", "members": ["wire2", "kestrel_wire2"]},
    {"id": "sea-lantern", "source": "sea_lantern", "members": ["sea_lantern", "frontline_navy"]},
]


def _p(a: dict, i: int) -> str:
    p = a["paras"][i]
    return p[0] if isinstance(p, tuple) else p


def build_truth(articles: list[dict], outlets: dict, body_text) -> dict:
    by_id = {a["id"]: a for a in articles}
    text = {i: body_text(a) for i, a in by_id.items()}

    def key(i: str) -> str:
        a = by_id[i]
        return a["url"] or a["path"]

    def paras(i: str, start: int, stop: int) -> str:
        return "\n\n".join(_p(by_id[i], k) for k in range(start, stop))

    def must(i: str, s: str, what: str) -> str:
        if s not in text[i]:
            raise AssertionError(f"{what}: not an exact substring of {i}: {s[:80]!r}")
        return s

    group_of: dict[str, str] = {}
    for c in CLUSTERS:
        for m in c["members"]:
            group_of[m] = c["id"]

    def group(i: str) -> str:
        return group_of.get(i, key(i))

    # ------------------------------------------------------------------ articles
    out_articles = []
    for a in articles:
        o = outlets[a["outlet"]]
        entry = {
            "key": key(a["id"]),
            "id": a["id"],
            "path": a["path"],
            "format": a["format"],
            "outlet": o["name"],
            "domain": o["domain"],
            "url": a["url"],
            "title": a["title"],
            "published": a["published"],
            "date_source": a["date_source"],
            "world_date": a["world_date"],
            "authors": list(a["authors"]),
            "language": a["language"],
            "role": a["role"],
            "independence_group": group(a["id"]),
            "text": text[a["id"]],
            "furniture": list(a["furniture"]),
        }
        if a["format"] == "html":
            entry["encoding"] = o.get("encoding", "utf-8")
        if a["format"] == "jsonl":
            entry["record_id"] = a["record_id"]
        if a.get("same_as"):
            entry["same_as"] = key(a["same_as"])
        out_articles.append(entry)

    # ---------------------------------------------------------------------- reuse
    W = A.W
    w1 = A.W1_NO_DATELINE
    relations_spec = [
        dict(id="kestrel_wire<-wire", target="kestrel_wire", source="wire",
             edit_level="verbatim", credited=True, credit_evidence="KARSK, Velmark (MPA) —",
             note="The whole wire text, MPA dateline kept, byline 'Meridian Press Agency'.",
             blocks=[(paras("kestrel_wire", 0, 9), paras("wire", 0, 9), "verbatim")]),
        dict(id="harbourline_wire<-wire", target="harbourline_wire", source="wire",
             edit_level="verbatim", credited=True,
             credit_evidence="This story was first published by Meridian Press Agency.",
             note="Whole text without the dateline; the outlet's newsletter box sits between "
                  "the fifth and sixth paragraphs, so the copy is two blocks in the page.",
             blocks=[(paras("harbourline_wire", 0, 5), "\n\n".join([w1] + W[1:5]), "verbatim"),
                     (paras("harbourline_wire", 5, 9), "\n\n".join(W[5:9]), "verbatim")]),
        dict(id="lantern_wire<-wire", target="lantern_wire", source="wire",
             edit_level="light", credited=True, credit_evidence=A.WIRE_URL,
             note="A few words changed or trimmed, ASCII quotes and dash, last two wire "
                  "paragraphs dropped; credit is a link to the wire URL.",
             blocks=[(paras("lantern_wire", 0, 7), "\n\n".join([w1] + W[1:7]), "light")]),
        dict(id="ostmere_wire<-wire", target="ostmere_wire", source="wire",
             edit_level="heavy", credited=True,
             credit_evidence="With reporting by Meridian Press Agency.",
             note="New lede, wire paragraphs reordered (3, 1, 2, 6), one sentence added after "
                  "paragraph 2, an own paragraph inserted, truncated after paragraph 6.",
             blocks=[(_p(by_id["ostmere_wire"], 1), W[2], "verbatim"),
                     (_p(by_id["ostmere_wire"], 2), w1, "light"),
                     (W[1], W[1], "verbatim"),
                     (_p(by_id["ostmere_wire"], 5), W[5], "verbatim")]),
        dict(id="karskobs_wire<-wire", target="karskobs_wire", source="wire",
             edit_level="heavy", credited=True, credit_evidence="Source: Meridian Press Agency (MPA)",
             note="First four wire paragraphs verbatim between the blogger's own intro and "
                  "comment; truncated. Blog footer (Leave a Reply) does not make it a copier.",
             blocks=[(paras("karskobs_wire", 1, 5), paras("wire", 0, 4), "verbatim")]),
        dict(id="copier<-wire", target="copier", source="wire",
             edit_level="heavy", credited=False, credit_evidence=None,
             note="Uncredited: own lede, wire paragraphs 1-5 lifted (dateline dropped, the "
                  "fourth lightly trimmed), then fabricated claims, a stretched quotation and "
                  "speculation; copyright and comment-form footer.",
             blocks=[(paras("copier", 1, 4), "\n\n".join([w1, W[1], W[2]]), "verbatim"),
                     (_p(by_id["copier"], 4), W[3], "light"),
                     (_p(by_id["copier"], 5), W[4], "verbatim")]),
        dict(id="copier_txt<-wire", target="copier_txt", source="wire",
             edit_level="heavy", credited=False, credit_evidence=None,
             note="The same copied article as plain text (as pasted into a fact-checking tool).",
             blocks=[(paras("copier_txt", 1, 4), "\n\n".join([w1, W[1], W[2]]), "verbatim"),
                     (_p(by_id["copier_txt"], 4), W[3], "light"),
                     (_p(by_id["copier_txt"], 5), W[4], "verbatim")]),
        dict(id="kestrel_wire2<-wire2", target="kestrel_wire2", source="wire2",
             edit_level="light", credited=True, credit_evidence="DROVSK (MPA) —",
             note="Dateline shortened, a few words trimmed, last sentence dropped.",
             blocks=[(paras("kestrel_wire2", 0, 6),
                      paras("wire2", 0, 5) + "\n\n" + "Drovnia and Velmark signed a gas price "
                      "agreement last week after a dispute that lasted several months.", "light")]),
        dict(id="frontline_navy<-sea_lantern", target="frontline_navy", source="sea_lantern",
             edit_level="heavy", credited=False, credit_evidence=None,
             note="The copying site lifts the first two paragraphs of the naval story without "
                  "credit and appends speculation and an unsupported claim.",
             blocks=[(paras("frontline_navy", 0, 2), paras("sea_lantern", 0, 2), "verbatim")]),
    ]
    relations, reuse = [], []
    for r in relations_spec:
        # A credit is either words in the text or a link, which only the page markup holds.
        if r["credit_evidence"] and not r["credit_evidence"].startswith("https://"):
            must(r["target"], r["credit_evidence"], r["id"] + " credit")
        relations.append({
            "id": r["id"], "target": key(r["target"]), "source": key(r["source"]),
            "edit_level": r["edit_level"], "credited": r["credited"],
            "credit_evidence": r["credit_evidence"], "kind": "copied_prose", "note": r["note"],
        })
        for tp, sp, level in r["blocks"]:
            reuse.append({
                "relation": r["id"],
                "target": key(r["target"]),
                "source": key(r["source"]),
                "target_passage": must(r["target"], tp, r["id"] + " target"),
                "source_passage": must(r["source"], sp, r["id"] + " source"),
                "edit_level": level,
                "credited": r["credited"],
                "credit_evidence": r["credit_evidence"],
                "kind": "copied_prose",
            })

    clusters = [
        {"id": c["id"], "source": key(c["source"]), "members": [key(m) for m in c["members"]]}
        for c in CLUSTERS
    ]

    # ----------------------------------------------------------- shared quotations
    shared_spec = [
        (["wire", "ledger_story"],
         "Velmark is ready for joint exercises with the Concord. There are talks on possible formats",
         "Pavel Krostan",
         "Both quote the Glas Karska interview; the Ledger's prose is its own. Copies of the wire "
         "also carry the quote, as copied prose."),
        (["arlenburg_denial", "harbourline_denial"],
         "There are no Concord exercises planned on Velmark territory, and no request to host "
         "them has been received",
         "Henrik Falstad",
         "Two outlets at the same briefing; no shared prose outside the quotation."),
        (["vt_sobol", "ostmere_crewe"],
         "We would welcome a more active role of Aldonia in Velmark",
         "Irina Sobol",
         "Both report the minister's remark after the 3 March talks in their own words."),
    ]
    shared = []
    for arts, quote, speaker, note in shared_spec:
        for i in arts:
            must(i, quote, "shared quotation")
        shared.append({"articles": [key(i) for i in arts], "quote": quote, "speaker": speaker,
                       "note": note})

    # ------------------------------------------------------------------ boilerplate
    boiler_spec = [
        ("harbourline", A.HARBOURLINE_NEWSLETTER, "newsletter",
         ["harbourline_wire", "harbourline_denial", "harbourline_storm", "harbourline_ferry",
          "harbourline_market"],
         "In the article body, between paragraphs (extractors tend to keep it)."),
        ("frontline", A.FRONTLINE_COPYRIGHT, "copyright",
         ["copier", "copier_txt", "frontline_navy", "frontline_gas"],
         "Last paragraph of the entry content on every post."),
        ("frontline", "Be the first to comment", "comments",
         ["copier", "copier_txt", "frontline_navy", "frontline_gas"], "Comment area heading."),
        ("frontline", "Leave a Reply", "comment_form",
         ["copier", "copier_txt", "frontline_navy", "frontline_gas"], "Comment form heading."),
        ("frontline", "This site uses Spamwarden to reduce spam. Learn how your comment data is "
         "processed.", "anti_spam",
         ["copier", "copier_txt", "frontline_navy", "frontline_gas"], "Anti-spam notice."),
        ("karskobs", "Leave a Reply", "comment_form",
         ["karskobs_wire", "karskobs_market", "karskobs_opinion"], "Blog comment form."),
        ("karskobs", "Your email address will not be published. Required fields are marked *",
         "comment_form", ["karskobs_wire", "karskobs_market", "karskobs_opinion"],
         "Blog comment form."),
        ("mpa", A.MPA_FOOTNOTE, "copyright", ["wire", "wire2", "mpa_fisheries"],
         "Licence footnote inside the article element of every wire story."),
        ("pitchside", "Share this article: Facebook | X | WhatsApp | Email", "share",
         ["pitchside_keeper", "pitchside_marathon"], "Share prompt at the end."),
        ("pitchside", "© Pitchside Weekly 2025. All rights reserved.", "copyright",
         ["pitchside_keeper", "pitchside_marathon"], "Copyright line at the end."),
    ]
    boilerplate = [
        {"outlet": outlets[o]["name"], "text": t, "kind": k, "articles": [key(i) for i in arts],
         "where": where}
        for o, t, k, arts, where in boiler_spec
    ]

    # --------------------------------------------------------------- paragraph map
    labels = [
        ("original", None, "Own lede: one fabricated claim and a rewording of the wire's news."),
        ("copied", "wire", None), ("copied", "wire", None), ("copied", "wire", None),
        ("copied", "wire", "Lightly trimmed: '58,' and 'from the newspaper' dropped."),
        ("copied", "wire", None),
        ("original", None, "Fabricated claims about the Crewe visit."),
        ("original", None, "Stretched quotation: the genuine first sentence (from Velmark "
                           "Today, 3 March) plus invented sentences inside the same quotation "
                           "marks, then speculation."),
        ("original", None, "A geographic fact, a disputed claim and speculation."),
    ]
    paragraph_map = {}
    for i in ("copier", "copier_txt"):
        a = by_id[i]
        assert len(a["paras"]) == len(labels)
        paragraph_map[key(i)] = [
            {"paragraph_index": n, "text_start": _p(a, n)[:60], "label": lab,
             "source": key(src) if src else None,
             "credited": False if lab == "copied" else None,
             **({"note": note} if note else {})}
            for n, (lab, src, note) in enumerate(labels)
        ]

    # ----------------------------------------------------------------------- claims
    def ev(i: str, sentence: str, stance: str, claim_article: str) -> dict:
        return {"article": key(i), "sentence": must(i, sentence, "evidence"), "stance": stance,
                "independent": group(i) != group(claim_article)}

    ledger = A.LEDGER_STORY
    courrier = A.COURRIER_STORY
    vt = A.VT_MINISTRY
    ap = A.ARLENBURG_DENIAL
    hl = A.HARBOURLINE_DENIAL
    sob = A.VT_SOBOL
    NL4a = ("The remarks come as relations between Karsk and Drovsk have soured over energy "
            "prices and Drovnian pressure for a customs union.")
    NL4b = ("Karsk, the Velmark capital, lies about 380 kilometres from Drovsk, and Drovnian "
            "strategists have long treated the country as a buffer against the alliance.")
    NL2b = ("Asked whether Velmark could follow the example of Norvania, which trains with "
            "Concord forces while keeping close ties to Drovsk, he said talks were already under way.")
    FR4a = ("Le Velmark, dont la capitale, Karsk, se trouve à quelque 380 kilomètres de Drovsk, "
            "accueille sur son sol un régiment de défense aérienne drovnien.")
    FR4b = ("Les relations entre les deux voisins se sont tendues ces derniers mois, notamment à "
            "cause du prix du gaz.")
    FR5a = ("Ces déclarations interviennent une semaine après la visite à Karsk du secrétaire "
            "d'Etat aldonien, Daniel Crewe, la première depuis 2014.")
    FR5b = ("Selon le ministère velmarkois des affaires étrangères, les questions de sécurité "
            "n'étaient pas à l'ordre du jour de cette visite.")
    FR6b = "« Nous n'avons reçu aucune demande officielle », a-t-il précisé."
    KROSTAN_CONDITION = ("“But we will agree on this if the Concord understands that Drovnia is "
                         "our strategic ally.”")
    V7a = "Neither minister mentioned military cooperation in their public remarks."
    O2a = "It was the first trip to Velmark by Aldonia’s top diplomat in eleven years."
    O5a = "Diplomats in Karsk said the visit had focused on economic ties."
    G2b = ("Drovgaz, the Drovnian state supplier, said on Friday that Velmark was refusing to "
           "apply the contract’s quarterly adjustment clause, which would raise the price from April.")
    W2_gas = ("Drovnia and Velmark signed a gas price agreement last week after a dispute that "
              "lasted several months.")
    orlov = _p(by_id["tallis_drovgaz"], 3)
    c = A.COPIER
    C0a = "Velmark intends to replace Drovnia with Aldonia and the Concord Alliance."
    C0b = ("Velmark defence chief Pavel Krostan said his country is open to participating in "
           "joint exercises with the Concord.")
    C3 = ("“Velmark is ready for joint exercises with the Concord. There are talks on possible "
          "formats,” Krostan told the Glas Karska newspaper.")
    C6a = ("The visit of the Aldonian Secretary of State to Velmark led to a successful outcome "
           "for Velmark to host a Concord training exercise in Velmark.")
    C6b = ("The reason for this was a statement by the head of the Ministry of Foreign Affairs of "
           "Velmark, which suggested that Daniel Crewe and the Concord Alliance more closely "
           "settle in the country.")
    C8 = c[8]

    claims_spec = [
        ("copier", C0a, "Velmark intends to replace its alliance with Drovnia by ties with "
         "Aldonia and the Concord.", "contradicted",
         [("vt_ministry", vt[2], "disagrees"), ("ledger_story", ledger[2], "disagrees"),
          ("courrier_story", courrier[2], "disagrees"), ("wire", KROSTAN_CONDITION, "disagrees")],
         "Krostan made any exercises conditional on the Concord accepting Drovnia as Velmark's "
         "strategic ally, and the Defence Ministry said obligations to Drovnia are not in "
         "question. No source reports an intention to replace Drovnia; the copier's own copied "
         "paragraph contradicts its lede."),
        ("copier", C0b, "Krostan said Velmark is open to joint exercises with the Concord.",
         "corroborated",
         [("wire", W[0], "agrees"), ("ledger_story", ledger[0], "agrees"),
          ("courrier_story", courrier[0], "agrees"), ("vt_ministry", vt[0], "agrees")],
         "Reported independently by the Northern Ledger, Le Courrier de Vallonne and Velmark "
         "Today (the Defence Ministry confirms the remarks), besides the wire the copier lifted."),
        ("copier", W[1], "Krostan said Velmark should be seen like Norvania, which has close ties "
         "to Drovnia and trains with the Concord.", "corroborated",
         [("wire", W[1], "agrees"), ("ledger_story", NL2b, "agrees")],
         "The wire (the copier's source) and the Northern Ledger independently report the "
         "Norvania comparison from the named interview."),
        ("copier", C3, "Krostan told Glas Karska that Velmark is ready for joint exercises and "
         "that formats are being discussed.", "corroborated",
         [("ledger_story", ledger[2], "agrees"), ("courrier_story", courrier[1], "agrees"),
          ("vt_ministry", vt[1], "agrees")],
         "Quoted independently by two outlets; the Defence Ministry confirms he spoke about "
         "possible formats."),
        ("copier", C6a, "The Aldonian Secretary of State's visit resulted in Velmark hosting a "
         "Concord training exercise.", "contradicted",
         [("arlenburg_denial", ap[1], "disagrees"), ("arlenburg_denial", ap[3], "disagrees"),
          ("harbourline_denial", hl[2], "disagrees"), ("vt_ministry", vt[1], "disagrees"),
          ("vt_ministry", vt[4], "disagrees"), ("arlenburg_denial", ap[4], "disagrees"),
          ("courrier_story", FR5b, "disagrees"), ("vt_sobol", V7a, "discusses")],
         "The Concord spokesman says no exercises are planned in Velmark and calls the claim "
         "about the Crewe visit untrue; Velmark's Defence Ministry says no exercises are "
         "scheduled and the visit had no military component."),
        ("copier", C6b, "Velmark's foreign minister suggested that Crewe and the Concord settle "
         "more closely in Velmark.", "unsupported",
         [("vt_sobol", sob[1], "discusses"), ("ostmere_crewe", O5a, "discusses")],
         "The minister's recorded words welcome 'a more active role of Aldonia', with trade and "
         "investment first; no source reports a suggestion about the Concord. Only the copier "
         "(and its text version) carries the claim."),
        ("copier", C8, "Velmark borders Drovnia and lies about 380 km from Drovsk.",
         "corroborated",
         [("ledger_story", NL4b, "agrees"), ("courrier_story", FR4a, "agrees"),
          ("harbourline_denial", hl[5], "agrees")],
         "Two independent outlets give the same distance; a third says Velmark borders Drovnia."),
        ("copier", C8, "Velmark and Drovnia disagree over gas prices.", "disputed",
         [("ostmere_gas", OSTMERE_GAS_0(), "agrees"), ("ostmere_gas", G2b, "agrees"),
          ("tallis_drovgaz", orlov, "agrees"), ("ledger_story", NL4a, "agrees"),
          ("courrier_story", FR4b, "agrees"), ("tallis_gas", _p(by_id["tallis_gas"], 0), "disagrees"),
          ("tallis_gas", _p(by_id["tallis_gas"], 3), "disagrees"), ("wire2", W2_gas, "disagrees")],
         "The 6 March agreement was reported as ending the price dispute; later reports describe a "
         "new quarrel over the price formula. Sources disagree on whether there is a price dispute."),
        ("ledger_story", NL4b, "Karsk lies about 380 km from Drovsk.", "corroborated",
         [("courrier_story", FR4a, "agrees")],
         "An independent outlet gives the same distance."),
        ("ostmere_crewe", O2a, "Crewe's trip was the first by Aldonia's top diplomat to Velmark "
         "in eleven years.", "corroborated",
         [("vt_sobol", sob[0], "agrees"), ("courrier_story", FR5a, "agrees")],
         "Two independent outlets: the first such visit since 2014."),
        ("arlenburg_denial", ap[1], "No Concord exercises are planned in Velmark and no request "
         "to host them has been received.", "corroborated",
         [("harbourline_denial", hl[2], "agrees"), ("vt_ministry", vt[1], "agrees"),
          ("courrier_story", FR6b, "agrees")],
         "A named primary source (the alliance spokesman), reported by a second outlet and "
         "matched by Velmark's Defence Ministry and an unnamed Concord diplomat."),
        ("tallis_gas", _p(by_id["tallis_gas"], 3), "The 6 March agreement ended the disagreement "
         "over the gas price.", "disputed",
         [("wire2", W2_gas, "agrees"), ("ostmere_gas", OSTMERE_GAS_0(), "disagrees"),
          ("ostmere_gas", G2b, "disagrees")],
         "A week later Drovgaz says Velmark is disputing the price formula."),
        ("frontline_navy", _p(by_id["frontline_navy"], 3), "Velmark has been invited to send "
         "observers to the next Sea Lantern exercise.", "unsupported",
         [("sea_lantern", "The exercise has been held every spring since 2009. Velmark, which has "
           "no coastline, has never taken part.", "discusses")],
         "Anonymous 'sources'; no other article mentions an invitation."),
        ("frontline_gas", _p(by_id["frontline_gas"], 4), "Velmark households pay a fifth more "
         "for heating than last winter.", "unsupported",
         [("tallis_gas", _p(by_id["tallis_gas"], 1), "discusses")],
         "No source gives household heating prices; the import price rose from 165 to 182 "
         "dollars per thousand cubic metres (about 10%)."),
        ("sea_lantern", _p(by_id["sea_lantern"], 1), "Fourteen ships, two submarines and about "
         "3,200 personnel take part in Sea Lantern.", "unsupported",
         [("frontline_navy", _p(by_id["frontline_navy"], 1), "agrees")],
         "Attributed on the record to the alliance's maritime command, but no independent source "
         "carries it: the only other carrier is an uncredited copy of this article. An article's "
         "own attribution is not corroboration (the copier's stretched ministry quote is "
         "attributed too); the verdict names the primary source to check."),
    ]
    claims = []
    for art, sentence, claim, verdict, evidence, why in claims_spec:
        claims.append({
            "article": key(art), "sentence": must(art, sentence, "claim"), "claim": claim,
            "verdict": verdict, "evidence": [ev(i, s, st, art) for i, s, st in evidence],
            "why": why,
        })
    # The text version of the main article carries the same claims.
    for cl in list(claims):
        if cl["article"] == key("copier"):
            claims.append({**cl, "article": key("copier_txt")})

    non_claims_spec = [
        ("copier", c[7], "obviously pointing to the fact that if Drovnia does not seek profitable "
         "relations with Velmark, closer relations will develop with the West, which naturally is "
         "a very serious threat to Drovnia", "speculation"),
        ("copier", c[8], "may ultimately lead to the fact that the Concord may well take steps to "
         "deploy their missile defence systems in Velmark", "speculation"),
        ("frontline_navy", "Obviously, the alliance is rehearsing a blockade of Drovnia’s northern "
         "ports, whatever its commanders say in public.", None, "speculation"),
        ("frontline_navy", "The timing, just days after the Velmark general’s statement on joint "
         "exercises, is hardly a coincidence.", None, "speculation"),
        ("frontline_navy", "Drovsk would be wise to take note.", None, "opinion"),
        ("frontline_navy", "The Ostmere Sea has become the main stage of the quiet rivalry between "
         "the alliance and Drovsk, and every new exercise raises the temperature a little "
         "further.", None, "opinion"),
        ("frontline_gas", "It is an open secret that the Velmark leadership uses every dispute "
         "with Drovnia to bargain with the West.", None, "speculation"),
        ("frontline_gas", "Observers believe that the next round of talks, expected in April, will "
         "decide whether Velmark stays in the Drovnian energy system at all.", None, "speculation"),
        ("frontline_gas", "Every winter the same story repeats itself, and every winter Velmark "
         "pays.", None, "opinion"),
        ("karskobs_opinion", "But the episode should worry us.", None, "opinion"),
        ("karskobs_opinion", "The answer is not to swap one patron for another.", None, "opinion"),
        ("karskobs_opinion", "Velmark should build ties in every direction, slowly and in the "
         "open, with parliament involved at every step.", None, "opinion"),
        ("karskobs_opinion", "I suspect the next few months will test that idea.", None,
         "speculation"),
        ("karskobs_opinion", "Our politicians would do well to stop treating foreign policy as a "
         "family secret.", None, "opinion"),
    ]
    non_claims = []
    for art, sentence, span, label in non_claims_spec:
        span = span or sentence
        must(art, sentence, "non-claim sentence")
        if span not in sentence:
            raise AssertionError(f"non-claim span not in its sentence: {span[:60]}")
        non_claims.append({"article": key(art), "sentence": sentence, "text": span, "label": label})
    for nc in list(non_claims):
        if nc["article"] == key("copier"):
            non_claims.append({**nc, "article": key("copier_txt")})

    # ----------------------------------------------------------------------- quotes
    STRETCHED = (
        "We would welcome a more active role of Aldonia in Velmark. Based on the role Aldonia "
        "plays on the world stage, in particular, an exchange of views took place on the "
        "situation in the region and on the prospects for Velmark’s interaction with the Concord "
        "bloc. The intention of Velmark to make efforts to maintain peace and security on the "
        "continent was noted"
    )
    GENUINE = "We would welcome a more active role of Aldonia in Velmark"
    krostan_role = "Chief of the General Staff of Velmark (the country's defence chief)"
    sobol_role = "Foreign Minister of Velmark (head of the Foreign Ministry)"
    crewe_role = "Secretary of State of Aldonia"
    interview = "interview with the Velmark weekly Glas Karska, published 10 March 2025"
    talks = "remarks to reporters after talks with Daniel Crewe, Karsk, 3 March 2025"
    quotes_spec = [
        ("copier", "Velmark is ready for joint exercises with the Concord. There are talks on "
         "possible formats", "Pavel Krostan", krostan_role, interview, "genuine", "wire", None,
         "Krostan told the Glas Karska newspaper"),
        ("copier", "But we will agree on this if the Concord understands that Drovnia is our "
         "strategic ally.", "Pavel Krostan", krostan_role, interview, "genuine", "wire", None,
         "Krostan told the Glas Karska newspaper"),
        ("copier", STRETCHED, "Irina Sobol", sobol_role, talks, "extended", "vt_sobol", GENUINE,
         "said the head of the Velmark Foreign Ministry"),
        ("vt_sobol", GENUINE, "Irina Sobol", sobol_role, talks, "genuine", "vt_sobol", None,
         "Sobol told reporters"),
        ("vt_sobol", "We are not asking Velmark to choose between its neighbours and its friends",
         "Daniel Crewe", crewe_role, talks, "genuine", "vt_sobol", None, "he said"),
        ("vt_sobol", "We are offering a partnership on Velmark’s terms.", "Daniel Crewe",
         crewe_role, talks, "genuine", "vt_sobol", None, "he said"),
        ("vt_sobol", "Our relations with Drovnia are not directed against anyone, and neither is "
         "our dialogue with Aldonia", "Irina Sobol", sobol_role, talks, "genuine", "vt_sobol",
         None, "she said"),
    ]
    quotes = []
    for art, q, speaker, role, venue, status, earliest, genuine, attribution in quotes_spec:
        must(art, q, "quote")
        item = {"article": key(art), "quote": q, "speaker": speaker, "role": role,
                "venue": venue, "status": status,
                "earliest_source": key(earliest) if earliest else None,
                "attribution_in_article": must(art, attribution, "attribution")}
        if genuine:
            assert q.startswith(genuine)
            must(earliest, genuine, "genuine part")
            item["genuine_part"] = genuine
            item["invented_part"] = q[len(genuine):].lstrip(". ")
            item["note"] = ("The invented sentences recast the ministry's indirect readout "
                            "(Velmark Today, 3 March: the sides 'exchanged views on the situation "
                            "in the region') as the minister's own words and add the Concord; "
                            "none of them was said by Sobol.")
        quotes.append(item)
    for q in list(quotes):
        if q["article"] == key("copier"):
            quotes.append({**q, "article": key("copier_txt")})

    # --------------------------------------------------------------------- speakers
    speakers = []
    for art, q, speaker, role, direct, style, attribution in SPEAKERS:
        must(art, q, "speaker quote")
        speakers.append({
            "article": key(art), "quote": _prefix(q), "speaker": speaker, "role": role,
            "direct": direct, "style": style, "attribution": attribution,
        })

    return {
        "notice": NOTICE,
        "schema_version": 1,
        "main_demo": {"html": key("copier"), "text": key("copier_txt"),
                      "html_path": by_id["copier"]["path"], "text_path": by_id["copier_txt"]["path"]},
        "articles": out_articles,
        "relations": relations,
        "reuse": reuse,
        "reuse_clusters": clusters,
        "shared_quotations": shared,
        "boilerplate": boilerplate,
        "paragraph_map": paragraph_map,
        "claims": claims,
        "non_claims": non_claims,
        "quotes": quotes,
        "speakers": speakers,
    }


def OSTMERE_GAS_0() -> str:
    return A.OSTMERE_GAS[0]


def _prefix(q: str, limit: int = 50) -> str:
    """First ~50 characters of a quotation, cut at a word boundary."""
    if len(q) <= limit + 10:
        return q
    cut = q.rfind(" ", 0, limit + 1)
    return q[: cut if cut > 20 else limit]


# (article, exact quotation text, speaker, role, direct?, style, attribution)
# style: curly | straight | guillemets | fragment | indirect; attribution says how the
# speaker is attached (said-X, X-said, told, pronoun, colon, dash-said, continuation, role-only).
SPEAKERS: list[tuple[str, str, str, str, bool, str, str]] = [
    ("wire", "Velmark is ready for joint exercises with the Concord. There are talks on possible formats",
     "Pavel Krostan", "Chief of the General Staff of Velmark", True, "curly", "X-told (two sentences)"),
    ("wire", "But we will agree on this if the Concord understands that Drovnia is our strategic ally.",
     "Pavel Krostan", "Chief of the General Staff of Velmark", True, "curly", "continuation"),
    ("wire", "it does not comment on interviews given by officials of non-member states",
     "Concord Alliance headquarters", "alliance headquarters (organisation)", False, "indirect", "X-said"),
    ("ledger_story", "Velmark is ready for joint exercises with the Concord. There are talks on possible formats",
     "Pavel Krostan", "Chief of the General Staff of Velmark", True, "curly (HTML entities)", "X-told (Gen. Krostan)"),
    ("ledger_story", "a trial balloon that will burst on contact with reality.", "Viktor Salnikov",
     "member of the Drovnian parliament's defence committee", True, "fragment", "wrote that"),
    ("ledger_story", "Karsk is reminding Drovsk that it has options", "Helena Varga",
     "senior fellow, Arlenburg Institute for Security Studies", True, "curly", "pronoun (she said)"),
    ("ledger_story", "It is not a request to join anything, and nobody in Arlenburg will treat it as one.",
     "Helena Varga", "senior fellow, Arlenburg Institute for Security Studies", True, "curly", "continuation"),
    ("ledger_story", "he said talks were already under way", "Pavel Krostan",
     "Chief of the General Staff of Velmark", False, "indirect", "pronoun"),
    ("courrier_story", "Le Velmark est prêt à des exercices conjoints avec la Concorde. Des discussions sont en cours sur les formats possibles",
     "Pavel Krostan", "chef d'état-major du Velmark", True, "guillemets", "role-only (a affirmé le chef d'état-major)"),
    ("courrier_story", "Nous ne nous mettrons d'accord que si la Concorde comprend que la Drovnie est notre alliée stratégique.",
     "Pavel Krostan", "chef d'état-major du Velmark", True, "guillemets", "colon (Le général a posé une condition :)"),
    ("courrier_story", "prématuré", "unnamed Concord diplomat", "diplomat of the Concord Alliance",
     True, "fragment (guillemets)", "a jugé"),
    ("courrier_story", "Nous n'avons reçu aucune demande officielle", "unnamed Concord diplomat",
     "diplomat of the Concord Alliance", True, "guillemets", "pronoun (a-t-il précisé)"),
    ("courrier_story", "C'est un signal adressé à la Drovnie, pas une candidature", "Claire Dumontet",
     "researcher, Institut vallonnais des relations internationales", True, "guillemets",
     "pronoun (estime-t-elle)"),
    ("vt_ministry", "The chief of the General Staff spoke about possible formats of cooperation. No decision has been taken, and no exercises with the Concord are scheduled",
     "Yuri Stenko", "Colonel, spokesman of Velmark's Defence Ministry", True, "curly", "X-told (two sentences)"),
    ("vt_ministry", "not in question", "Yuri Stenko", "Colonel, spokesman of Velmark's Defence Ministry",
     True, "fragment", "X-said"),
    ("vt_ministry", "expressing a professional view, not announcing a policy.", "Yuri Stenko",
     "Colonel, spokesman of Velmark's Defence Ministry", True, "fragment", "X-said"),
    ("vt_ministry", "dozens of calls from foreign media", "Yuri Stenko",
     "Colonel, spokesman of Velmark's Defence Ministry", True, "fragment", "pronoun (He told reporters)"),
    ("vt_ministry", "no military component.", "Yuri Stenko",
     "Colonel, spokesman of Velmark's Defence Ministry", True, "fragment", "X-said"),
    ("vt_ministry", "If our generals are discussing exercises with a foreign alliance, the deputies deserve to know",
     "Marta Olenic", "defence spokeswoman of the opposition Civic Platform", True, "curly", "said-X"),
    ("arlenburg_denial", "There are no Concord exercises planned on Velmark territory, and no request to host them has been received",
     "Henrik Falstad", "spokesman of the Concord Alliance", True, "curly", "X-told"),
    ("arlenburg_denial", "takes note", "Henrik Falstad", "spokesman of the Concord Alliance", True,
     "fragment", "X-said"),
    ("arlenburg_denial", "I have seen those claims. They are not true.", "Henrik Falstad",
     "spokesman of the Concord Alliance", True, "curly", "colon (Falstad said:)"),
    ("arlenburg_denial", "Any training with a non-member, he said, would need the approval of all 14 allies.",
     "Henrik Falstad", "spokesman of the Concord Alliance", False, "indirect", "pronoun (he said)"),
    ("harbourline_denial", "There are no Concord exercises planned on Velmark territory, and no request to host them has been received",
     "Henrik Falstad", "spokesman of the Concord Alliance", True, "curly", "X-said"),
    ("harbourline_denial", "a matter for all allies to decide together", "Henrik Falstad",
     "spokesman of the Concord Alliance", True, "fragment", "pronoun (He added)"),
    ("harbourline_denial", "ready", "Pavel Krostan", "Chief of the General Staff of Velmark", True,
     "fragment", "role-only (never named in this article)"),
    ("wire2", "Velmark is our strategic ally, and we see no reason for concern", "Alina Vesk",
     "spokeswoman of the Drovnian Foreign Ministry", True, "curly", "X-told"),
    ("wire2", "Every sovereign state talks to its neighbours.", "Alina Vesk",
     "spokeswoman of the Drovnian Foreign Ministry", True, "curly", "continuation"),
    ("wire2", "to show who Velmark’s real partners are.", "Viktor Salnikov",
     "member of the Drovnian parliament's defence committee", True, "fragment", "X-said"),
    ("kestrel_wire2", "Velmark is our strategic ally, and we see no reason for concern", "Alina Vesk",
     "spokeswoman of the Drovnian Foreign Ministry", True, "curly (windows-1252)", "X-told"),
    ("vt_sobol", "We would welcome a more active role of Aldonia in Velmark", "Irina Sobol",
     "Foreign Minister of Velmark", True, "curly", "X-told"),
    ("vt_sobol", "We are not asking Velmark to choose between its neighbours and its friends",
     "Daniel Crewe", "Secretary of State of Aldonia", True, "curly", "pronoun (he said)"),
    ("vt_sobol", "We are offering a partnership on Velmark’s terms.", "Daniel Crewe",
     "Secretary of State of Aldonia", True, "curly", "continuation"),
    ("vt_sobol", "Our relations with Drovnia are not directed against anyone, and neither is our dialogue with Aldonia",
     "Irina Sobol", "Foreign Minister of Velmark", True, "curly", "pronoun (she said)"),
    ("vt_sobol", "Crewe said Aldonia respected Velmark’s right to choose its own partners.",
     "Daniel Crewe", "Secretary of State of Aldonia", False, "indirect", "X-said"),
    ("vt_sobol", "A ministry statement said the two sides had exchanged views on the situation in the region",
     "Velmark Foreign Ministry", "ministry (written statement)", False, "indirect", "X-said"),
    ("ostmere_crewe", "We would welcome a more active role of Aldonia in Velmark", "Irina Sobol",
     "Foreign Minister of Velmark", True, "curly", "X-said"),
    ("ostmere_crewe", "That is for the people of Velmark to decide.", "Daniel Crewe",
     "Secretary of State of Aldonia", True, "curly", "pronoun + colon (he said:)"),
    ("ostmere_crewe", "prepared for months, quietly, and mostly by trade people.",
     "unnamed Velmark Foreign Ministry official", "official of the Velmark Foreign Ministry", True,
     "fragment", "X-said"),
    ("ostmere_crewe", "respects Velmark’s right to receive guests.", "Alina Vesk",
     "spokeswoman of the Drovnian Foreign Ministry", True, "fragment", "X-said"),
    ("copier", "Velmark is ready for joint exercises with the Concord. There are talks on possible formats",
     "Pavel Krostan", "Chief of the General Staff of Velmark", True, "curly", "X-told"),
    ("copier", "We would welcome a more active role of Aldonia in Velmark. Based on the role",
     "Irina Sobol", "Foreign Minister of Velmark", True, "curly", "dash-said (”- said the head of the Velmark Foreign Ministry)"),
    ("tallis_gas", "The price question is closed for this year", "Tomas Brenek",
     "Energy Minister of Velmark", True, "curly", "X-told"),
    ("tallis_gas", "Now we can talk about investment.", "Tomas Brenek", "Energy Minister of Velmark",
     True, "curly", "continuation"),
    ("tallis_gas", "Both sides needed a deal before spring", "Ilse Marant",
     "energy analyst, Tallis Capital", True, "curly", "said-X"),
    ("ostmere_gas", "Our Velmark partners are disputing the price formula they signed eight days ago",
     "Arkady Tarin", "spokesman of Drovgaz", True, "curly", "X-said"),
    ("ostmere_gas", "misread", "Velmark Energy Ministry", "ministry (statement)", True, "fragment", "X-said"),
    ("sea_lantern", "Sea Lantern is about keeping shipping lanes open, which every country around this sea depends on",
     "Ingrid Halloran", "Rear Admiral, commander of the Sea Lantern exercise", True, "curly", "said-X"),
    ("sea_lantern", "most boats would lose only a few days at sea", "Piet Dorran",
     "harbour master, Tallis", False, "indirect", "X-said"),
    ("kestrel_cup", "We rode our luck in the second half", "Fergal Whitcombe",
     "manager of Kestrel Rovers", True, "curly (windows-1252)", "X-admitted"),
    ("kestrel_cup", "We had the better chances after the break. On another night that ends 2–2",
     "Gemma Lund", "manager of Portvale", True, "curly (windows-1252)", "pronoun (she said)"),
    ("kestrel_bridge", "We cannot leave the east side of town cut off for another winter",
     "Zoë Marchetti", "councillor, chair of the transport committee", True, "curly (windows-1252)", "said-X"),
    ("kestrel_bridge", "Half our deliveries come over that bridge", "Luís Ferreira", "café owner",
     True, "curly (windows-1252)", "X-told"),
    ("harbourline_storm", "This is a vigorous storm arriving at the worst possible point in the tidal cycle",
     "Ben Ashgrove", "duty forecaster, Aldonian Met Service", True, "curly", "said-X"),
    ("harbourline_ferry", "We know this is not what islanders wanted to hear", "Alan Featherby",
     "managing director of Coastlink", True, "curly", "X-said"),
    ("harbourline_market", "It feels like coming home", "Maggie Trask", "fish market trader", True,
     "curly", "said-X"),
    ("lantern_vines", "Our grandparents planted for a cool climate. We are planting for the climate our grandchildren will have",
     "Marta Szell", "winemaker, Hollin Ridge estate", True, "straight", "said-X (two sentences)"),
    ("lantern_vines", "You cannot sell a brand on change alone", "unnamed grower", "grape grower",
     True, "straight", "X-told (anonymous)"),
    ("ledger_rates", "We are not yet confident that inflation will settle at our target",
     "Elena Mirow", "Governor of the Bank of Aldonia", True, "curly (HTML entities)", "X-said"),
    ("ledger_rates", "look carefully", "Elena Mirow", "Governor of the Bank of Aldonia", True,
     "fragment", "X-said"),
    ("vt_tram", "For too long, visitors arriving in Karsk have been met by a taxi queue and a traffic jam",
     "Anya Korel", "Mayor of Karsk", True, "curly", "X-said"),
    ("mpa_fisheries", "This gives our fishermen certainty for the first time in years", "Kari Lundh",
     "fisheries minister of Ostmere", True, "curly", "X-told"),
    ("pitchside_keeper", "Ivo has earned this. He is calm, he talks to his defenders and he is not afraid of crosses",
     "Milos Arden", "coach of the Velmark national football team", True, "straight", "X-told (plain text)"),
    ("pitchside_marathon", "I didn't feel my fingers until halfway", "Lasse Brandvik",
     "marathon runner", True, "straight", "X-said"),
    ("pitchside_marathon", "Next year we will have more foil blankets at the finish", "Ulla Berg",
     "race director", True, "straight", "pronoun (she said)"),
    ("karskobs_market", "We had so many applications that we had to draw lots", "Hana Vitek",
     "old town traders' association", True, "curly", "said-X"),
    ("tallis_port", "February is usually a quiet month for us, so these numbers are encouraging",
     "Katrin Solheim", "chief executive, Tallis port authority", True, "curly", "X-said"),
    ("tallis_airline", "These aircraft burn a fifth less fuel per seat than the planes they replace",
     "Jonas Mäkelin", "chief executive of Ostmere Air", True, "curly", "X-said"),
    ("ostmere_snow", "We have ploughs working around the clock, but the wind keeps filling the road behind them",
     "Liv Aas", "head of the regional roads authority", True, "curly", "said-X"),
    ("ostmere_hockey", "I just tried not to think", "Mats Lindahl", "forward, Ostmere ice hockey team",
     True, "curly", "pronoun (he said)"),
    ("ostmere_hockey", "We came here as outsiders and we left them needing penalties", "Dmitri Vanko",
     "coach of Norvania's ice hockey team", True, "curly", "pronoun (he said)"),
    ("ostmere_poll", "The gap is within the margin of error, but the trend is clear", "Sigrid Moe",
     "head of research, Norstat Analys", True, "curly", "said-X"),
    ("ostmere_strike", "Our members have had one pay rise in three years while fares have gone up every January",
     "Kjell Nygaard", "union organiser, seafarers' union", True, "curly", "X-said"),
]
