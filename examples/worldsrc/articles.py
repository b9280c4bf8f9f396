"""The articles of the example world.

FICTION: every country, person, outlet, domain and event here is invented.

The world: Velmark, a small landlocked country, is a close ally of its big neighbour
Drovnia. The Concord Alliance (14 members, headquarters in Arlenburg) is led by Aldonia.
Ostmere is a Concord member on the Ostmere Sea; Norvania is a Drovnia-friendly country
that trains with the Concord; Vallonne is a French-speaking country.

Each article is a dict. `paras` are the body paragraphs as a reader sees them (credit
lines included); a paragraph is either a string or (text, html) when the page puts
inline markup in it. `furniture` are blocks that sit in the text flow but are not the
article (footers, comment prompts); `boiler_after` puts the outlet's in-body boilerplate
after that paragraph index. All times are in the outlet's own zone.
"""

from __future__ import annotations

OUTLETS: dict[str, dict] = {
    "mpa": {
        "name": "Meridian Press Agency", "domain": "mpawire.example", "dir": "mpawire",
        "kind": "wire agency", "based": "Aldonia (Kestrel Bay)",
    },
    "kestrel": {
        "name": "The Kestrel Herald", "domain": "kestrelherald.example", "dir": "kestrelherald",
        "kind": "regional daily", "based": "Aldonia (Kestrel Bay)", "encoding": "windows-1252",
    },
    "harbourline": {
        "name": "Harbourline News", "domain": "harbourline.example", "dir": "harbourline",
        "kind": "coastal news site", "based": "Aldonia (Sandmouth)",
    },
    "lantern": {
        "name": "The Daily Lantern", "domain": "dailylantern.example", "dir": "dailylantern",
        "kind": "small-town daily", "based": "Aldonia (Lantern Valley)",
    },
    "ostmere": {
        "name": "Ostmere Gazette", "domain": "ostmeregazette.example",
        "kind": "national daily (JSONL export)", "based": "Ostmere (Tallis)",
    },
    "karskobs": {
        "name": "Karsk Observer", "domain": "karskobserver.example",
        "kind": "blog (plain text)", "based": "Velmark (Karsk)",
    },
    "ledger": {
        "name": "The Northern Ledger", "domain": "northernledger.example", "dir": "northernledger",
        "kind": "national daily", "based": "Aldonia (Arlenburg)",
    },
    "courrier": {
        "name": "Le Courrier de Vallonne", "domain": "courrierdevallonne.example",
        "dir": "courrierdevallonne", "kind": "French-language daily", "based": "Vallonne",
        "encoding": "iso-8859-1",
    },
    "velmarktoday": {
        "name": "Velmark Today", "domain": "velmarktoday.example", "dir": "velmarktoday",
        "kind": "English-language news site", "based": "Velmark (Karsk)",
    },
    "arlenburg": {
        "name": "Arlenburg Post", "domain": "arlenburgpost.example", "dir": "arlenburgpost",
        "kind": "city daily", "based": "Aldonia (Arlenburg)",
    },
    "frontline": {
        "name": "The Frontline Dispatch", "domain": "frontlinedispatch.example",
        "dir": "frontlinedispatch", "kind": "copying site", "based": "unknown",
    },
    "pitchside": {
        "name": "Pitchside Weekly", "domain": "pitchsideweekly.example",
        "kind": "sports weekly (plain text)", "based": "Velmark (Karsk)",
    },
    "tallis": {
        "name": "Tallis Business Daily", "domain": "tallisbusiness.example",
        "kind": "business daily (JSONL export)", "based": "Ostmere (Tallis)",
    },
}

ARTICLES: list[dict] = []


def _add(**kw: object) -> dict:
    # `published` is what the file itself states (None when it states nothing; no zone
    # when the page gives none); `world_date` is the in-story time used for ordering.
    kw.setdefault("furniture", [])
    kw.setdefault("language", "en")
    kw.setdefault("comments", [])
    if kw["format"] == "html":
        kw["path"] = f"html/{OUTLETS[kw['outlet']]['dir']}/{kw.pop('slug')}.html"
    ARTICLES.append(kw)  # type: ignore[arg-type]
    return kw  # type: ignore[return-value]


def straight(s: str) -> str:
    """The house style of outlets whose CMS types plain ASCII quotes."""
    return s.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


# ---------------------------------------------------------------------------------------
# The wire report (the original of the main story), Tuesday 11 March 2025.
# ---------------------------------------------------------------------------------------
WIRE_URL = "https://www.mpawire.example/world/2025/03/11/velmark-open-to-concord-exercises"
WIRE_TITLE = "Drovnia’s close ally Velmark explores training opportunity with the Concord"
DATELINE = "KARSK, Velmark (MPA) — "
W = [
    DATELINE + "The top military official in Velmark says his country, a closely tied Drovnian "
    "ally, is open to conducting joint military exercises with the Concord Alliance amid "
    "tension with Drovnia.",
    "Velmark defence chief Pavel Krostan recently told local media his country should be "
    "regarded in similar terms as Norvania — a country with close ties to Drovnia but one "
    "with a military training connection to the Concord.",
    "“Velmark is ready for joint exercises with the Concord. There are talks on possible "
    "formats,” Krostan told the Glas Karska newspaper. “But we will agree on this if the "
    "Concord understands that Drovnia is our strategic ally.”",
    "Krostan, 58, was responding to a question from the newspaper about whether Velmark’s "
    "relationship with the Concord should resemble that of Norvania.",
    "The idea of upgraded ties between Karsk and the Concord comes amid signs of tension "
    "between Drovnia and Velmark, which serves as a territorial buffer between Drovnia and "
    "the alliance’s eastern members.",
    "Drovnia keeps an air-defence regiment and a radar station in Velmark under a 1998 "
    "agreement, and the two countries hold a large joint exercise, Steppe Shield, every two "
    "years. The next one is due in September.",
    "Relations have cooled in recent months after Drovnia raised the price of the natural "
    "gas it sells to Velmark and pressed Karsk to join a customs union, a step many in "
    "Velmark see as a threat to the country’s independence.",
    "Velmark’s Defence Ministry did not respond to a request for comment on Tuesday. The "
    "Concord Alliance’s headquarters in Arlenburg said it does not comment on interviews "
    "given by officials of non-member states.",
    "Velmark, a country of 7.4 million people, joined the Drovnia-led Eastern Defence "
    "Community in 2001 and has never applied to join the Concord, which has 14 members.",
]
W1_NO_DATELINE = W[0][len(DATELINE):]
MPA_FOOTNOTE = (
    "Copyright 2025 Meridian Press Agency. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed without a licence."
)

_add(
    id="wire", outlet="mpa", format="html", slug="velmark-open-to-concord-exercises",
    url=WIRE_URL, published="2025-03-11T09:40:00+00:00", date_source="meta:article:published_time",
    world_date="2025-03-11T09:40:00+00:00", authors=["Lukas Brandt"], title=WIRE_TITLE,
    paras=list(W), role="wire_original", section="World", furniture=[MPA_FOOTNOTE],
)

# Verbatim, credited by the MPA dateline. windows-1252 page.
_add(
    id="kestrel_wire", outlet="kestrel", format="html",
    slug="velmark-open-to-concord-exercises-1.48213",
    url="https://www.kestrelherald.example/news/world/velmark-open-to-concord-exercises-1.48213",
    published="2025-03-11T14:05:00", date_source="meta:pubdate",
    world_date="2025-03-11T14:05:00+00:00", authors=["Meridian Press Agency"], title=WIRE_TITLE,
    paras=list(W), role="credited_republish", section="World",
    comments=[
        ("HarbourWatcher", "Interesting. Our own government could learn something from how small "
         "countries play the big ones off against each other."),
        ("Pete_in_Kestrel", "I'll believe it when I see Concord troops there. Not before."),
        ("M. Ferraro", "Does anyone know where Norvania stands on this? The article doesn't say "
         "much about them."),
    ],
)

HARBOURLINE_NEWSLETTER = (
    "Get the Harbourline Morning Brief: the coast’s top stories, weather and shipping news in "
    "your inbox by 7am every weekday. Sign up free at harbourline.example/brief."
)

# Verbatim without the dateline, credit line at the end, newsletter box in the body.
_add(
    id="harbourline_wire", outlet="harbourline", format="html",
    slug="velmark-army-chief-open-to-concord-exercises",
    url="https://harbourline.example/world/2025/velmark-army-chief-open-to-concord-exercises",
    published="2025-03-11T16:30:00+00:00", date_source="json-ld:datePublished",
    world_date="2025-03-11T16:30:00+00:00", authors=["Meridian Press Agency"],
    title="Velmark army chief open to Concord exercises",
    paras=[W1_NO_DATELINE] + W[1:] + ["This story was first published by Meridian Press Agency."],
    boiler_after=4, role="credited_republish", section="World",
)

# Light edit: a few words changed or trimmed, ASCII quotes, two paragraphs dropped,
# credit by a link to the wire's URL. The date is only in the URL. Malformed markup.
LANTERN_WIRE = [
    "The top military official in Velmark says his country, a close Drovnian ally, is open "
    "to holding joint military exercises with the Concord Alliance amid tension with Drovnia.",
    "Velmark defence chief Pavel Krostan recently told local media his country should be "
    "regarded in similar terms as Norvania - a country with close ties to Drovnia but one "
    "with a military training link to the Concord.",
    straight(W[2]),
    "Krostan was responding to a question about whether Velmark's relationship with the "
    "Concord should resemble that of Norvania.",
    straight(W[4]),
    "Drovnia keeps an air-defence regiment and a radar station in Velmark, and the two "
    "countries hold a large joint exercise, Steppe Shield, every two years.",
    "Relations have cooled in recent months after Drovnia raised the price of the natural "
    "gas it sells to Velmark and pressed Karsk to join a customs union.",
]
_add(
    id="lantern_wire", outlet="lantern", format="html",
    slug="velmark-general-says-country-ready-for-concord-drills",
    url="https://dailylantern.example/2025/03/12/velmark-general-says-country-ready-for-concord-drills/",
    published="2025-03-12", date_source="url", world_date="2025-03-12T08:00:00+00:00",
    authors=[], title="Velmark general says country ready for Concord drills",
    paras=LANTERN_WIRE + [(
        "Originally reported by Meridian Press Agency.",
        f'Originally reported by <A HREF="{WIRE_URL}">Meridian Press Agency</A>.',
    )],
    role="credited_republish", section="World",
)

# Heavy edit (JSONL export): new lede, paragraphs reordered, a sentence added, truncated.
OSTMERE_WIRE = [
    "Velmark’s army chief has said his country is ready to train with the Concord Alliance, "
    "in remarks that are likely to be read closely in Drovsk and in Tallis, where the "
    "alliance’s maritime command is based.",
    W[2],
    "Pavel Krostan, the top military official in Velmark, says his country, a closely tied "
    "Drovnian ally, is open to conducting joint military exercises with the Concord Alliance.",
    W[1] + " Norvania has taken part in Concord search-and-rescue drills since 2016.",
    "Ostmere, which joined the Concord in 2004, shares no border with Velmark but has lobbied "
    "within the alliance for closer contacts with countries on Drovnia’s periphery.",
    W[5],
    "With reporting by Meridian Press Agency.",
]
_add(
    id="ostmere_wire", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250312-velmark-concord",
    url="https://www.ostmeregazette.example/world/velmark-concord-krostan-interview-20250312",
    published="2025-03-12T07:15:00+01:00", date_source="jsonl:date",
    world_date="2025-03-12T07:15:00+01:00", authors=["Jonas Eberlin"],
    title="Velmark ready for Concord drills, says army chief",
    paras=OSTMERE_WIRE, role="credited_republish",
)

# A blog that reposts the first four wire paragraphs, credited, between its own words;
# plain text with blog furniture (which does not make it a copier).
KARSKOBS_WIRE = [
    "Big news from Monday’s Glas Karska interview, and the foreign wires have picked it up "
    "already. This is how the Meridian Press Agency reported it this morning, followed by a "
    "few thoughts of our own.",
    W[0], W[1], W[2], W[3],
    "A few thoughts. First, nobody in Karsk should be surprised: Krostan has said similar "
    "things at closed seminars for years. Second, the Defence Ministry’s silence so far tells "
    "its own story. We will update this post when the ministry speaks.",
    "Source: Meridian Press Agency (MPA)",
]
_add(
    id="karskobs_wire", outlet="karskobs", format="txt", path="text/karsk_observer_krostan_concord.txt",
    url=None, published=None, date_source="none", world_date="2025-03-11T18:00:00+02:00",
    authors=[], title="MPA: Velmark open to Concord exercises, says Krostan",
    paras=KARSKOBS_WIRE, role="credited_republish",
    furniture=[
        "Share this:",
        "Like this:",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
)

# ---------------------------------------------------------------------------------------
# Independent reporting of the interview and its aftermath.
# ---------------------------------------------------------------------------------------
LEDGER_STORY = [
    "Velmark’s most senior military officer has said his country could take part in joint "
    "exercises with the Concord Alliance, a striking remark from a state that has spent three "
    "decades as one of Drovnia’s most dependable partners.",
    "Lieutenant General Pavel Krostan, chief of the General Staff, made the comments in an "
    "interview with the Velmark weekly Glas Karska published on Monday. Asked whether Velmark "
    "could follow the example of Norvania, which trains with Concord forces while keeping "
    "close ties to Drovsk, he said talks were already under way.",
    "“Velmark is ready for joint exercises with the Concord. There are talks on possible "
    "formats,” Gen. Krostan told the paper, adding that any arrangement would depend on the "
    "alliance accepting Velmark’s obligations to Drovnia.",
    "The remarks come as relations between Karsk and Drovsk have soured over energy prices and "
    "Drovnian pressure for a customs union. Karsk, the Velmark capital, lies about 380 "
    "kilometres from Drovsk, and Drovnian strategists have long treated the country as a "
    "buffer against the alliance.",
    "Drovnia’s embassy in Karsk declined to comment. Viktor Salnikov, a member of the defence "
    "committee of the Drovnian parliament, wrote on social media that the general’s words were "
    "“a trial balloon that will burst on contact with reality.”",
    "Helena Varga, a senior fellow at the Arlenburg Institute for Security Studies, said the "
    "interview should be read as a message to Drovsk rather than an offer to the alliance. "
    "“Karsk is reminding Drovsk that it has options,” she said. “It is not a request to join "
    "anything, and nobody in Arlenburg will treat it as one.”",
    "Velmark has never applied to join the Concord. The alliance’s headquarters said on "
    "Tuesday that it would not comment on the interview.",
]
_add(
    id="ledger_story", outlet="ledger", format="html",
    slug="velmark-general-floats-joint-drills-with-concord",
    url="https://www.northernledger.example/defence/2025/03/12/velmark-general-floats-joint-drills-with-concord",
    published="2025-03-12T11:20:00+01:00", date_source="time[datetime]",
    world_date="2025-03-12T11:20:00+01:00", authors=["Marguerite Ellison"],
    title="Velmark general floats joint drills with Concord, testing ties with Drovsk",
    paras=LEDGER_STORY, role="independent_report", section="Defence",
    comments=[
        ("Arvid K.", "A trial balloon indeed. The question is who sent it up."),
        ("northerner_77", "Ms Varga is right. This is about gas, not tanks."),
    ],
)

COURRIER_STORY = [
    "Le plus haut gradé de l'armée du Velmark, le général Pavel Krostan, a déclaré que son pays "
    "était prêt à participer à des exercices militaires conjoints avec l'Alliance de la "
    "Concorde, en dépit de ses liens étroits avec la Drovnie.",
    "« Le Velmark est prêt à des exercices conjoints avec la Concorde. Des discussions sont en "
    "cours sur les formats possibles », a affirmé le chef d'état-major dans un entretien publié "
    "lundi par l'hebdomadaire Glas Karska.",
    "Le général a toutefois posé une condition : « Nous ne nous mettrons d'accord que si la "
    "Concorde comprend que la Drovnie est notre alliée stratégique. »",
    "Le Velmark, dont la capitale, Karsk, se trouve à quelque 380 kilomètres de Drovsk, "
    "accueille sur son sol un régiment de défense aérienne drovnien. Les relations entre les "
    "deux voisins se sont tendues ces derniers mois, notamment à cause du prix du gaz.",
    "Ces déclarations interviennent une semaine après la visite à Karsk du secrétaire d'Etat "
    "aldonien, Daniel Crewe, la première depuis 2014. Selon le ministère velmarkois des "
    "affaires étrangères, les questions de sécurité n'étaient pas à l'ordre du jour de cette "
    "visite.",
    "Interrogé par notre journal, un diplomate de la Concorde, qui a requis l'anonymat, a jugé "
    "« prématuré » de parler d'exercices. « Nous n'avons reçu aucune demande officielle », "
    "a-t-il précisé.",
    "Pour Claire Dumontet, chercheuse à l'Institut vallonnais des relations internationales, "
    "ces propos visent d'abord Drovsk. « C'est un signal adressé à la Drovnie, pas une "
    "candidature », estime-t-elle.",
]
_add(
    id="courrier_story", outlet="courrier", format="html",
    slug="le-velmark-pret-a-des-exercices-avec-la-concorde_4821",
    url="https://www.courrierdevallonne.example/international/2025/03/12/le-velmark-pret-a-des-exercices-avec-la-concorde_4821",
    published="2025-03-12T18:05:00+01:00", date_source="meta:article:published_time",
    world_date="2025-03-12T18:05:00+01:00", authors=["Sophie Garnier"], language="fr",
    title="Le Velmark se dit prêt à des exercices conjoints avec la Concorde",
    paras=COURRIER_STORY, role="independent_report", section="International",
    comments=[
        ("Jean-Marc B.", "Un signal, certes, mais qui l'écoutera à Drovsk ?"),
        ("Isabelle", "Article clair, merci. On aimerait en savoir plus sur la Norvanie."),
    ],
)

VT_MINISTRY = [
    "Velmark’s Defence Ministry said on Wednesday that no decision had been taken on exercises "
    "with the Concord Alliance, two days after the chief of the General Staff said the country "
    "was open to the idea.",
    "“The chief of the General Staff spoke about possible formats of cooperation. No decision "
    "has been taken, and no exercises with the Concord are scheduled,” ministry spokesman "
    "Colonel Yuri Stenko told a briefing in Karsk.",
    "Stenko said Velmark’s obligations to Drovnia were “not in question” and that Lieutenant "
    "General Pavel Krostan had been “expressing a professional view, not announcing a policy.”",
    "He told reporters the ministry had received “dozens of calls from foreign media” since the "
    "interview appeared in the weekly Glas Karska on Monday, and that the general stood by his "
    "words.",
    "Asked whether Concord officers had accompanied Aldonian Secretary of State Daniel Crewe on "
    "his visit to Karsk on March 3, Stenko said the trip had “no military component.”",
    "The opposition Civic Platform called for a debate in parliament. “If our generals are "
    "discussing exercises with a foreign alliance, the deputies deserve to know,” said Marta "
    "Olenic, the party’s defence spokeswoman.",
]
_add(
    id="vt_ministry", outlet="velmarktoday", format="html",
    slug="defence-ministry-no-decision-on-concord-drills",
    url="https://velmarktoday.example/politics/defence-ministry-no-decision-on-concord-drills",
    published="2025-03-12T19:45:00+02:00", date_source="json-ld:datePublished",
    world_date="2025-03-12T19:45:00+02:00", authors=["Nadia Petrus"],
    title="Defence ministry: no decision on Concord drills",
    paras=VT_MINISTRY, role="independent_report", section="Politics",
)

ARLENBURG_DENIAL = [
    "The Concord Alliance has no plans to hold exercises in Velmark and has received no request "
    "to do so, a spokesman said on Thursday, after remarks by Velmark’s army chief set off days "
    "of speculation.",
    "“There are no Concord exercises planned on Velmark territory, and no request to host them "
    "has been received,” alliance spokesman Henrik Falstad told reporters at the headquarters "
    "in Arlenburg.",
    "Falstad said the alliance “takes note” of the comments by Lieutenant General Pavel "
    "Krostan, but stressed that Velmark was neither a member nor a formal partner. Any training "
    "with a non-member, he said, would need the approval of all 14 allies.",
    "Asked about claims circulating on social media that the visit to Karsk by Aldonian "
    "Secretary of State Daniel Crewe had paved the way for drills, Falstad said: “I have seen "
    "those claims. They are not true.”",
    "Aldonia’s State Department said separately that Crewe’s talks in Karsk on March 3 had "
    "focused on trade, energy and visas.",
    "The alliance holds more than 80 exercises a year, most of them on the territory of its "
    "members. The largest, Northern Gate, involves about 20,000 troops and takes place every "
    "autumn.",
]
_add(
    id="arlenburg_denial", outlet="arlenburg", format="html",
    slug="concord-no-exercises-planned-in-velmark-a91734",
    url="https://www.arlenburgpost.example/world/concord-no-exercises-planned-in-velmark-a91734",
    published="2025-03-13T17:30:00+01:00", date_source="microdata:datePublished",
    world_date="2025-03-13T17:30:00+01:00", authors=["Frederik Maas"],
    title="Concord: no exercises planned in Velmark",
    paras=ARLENBURG_DENIAL, role="official_denial", section="World",
)

HARBOURLINE_DENIAL = [
    "Officials at the Concord Alliance have poured cold water on the idea of military drills in "
    "Velmark, saying the country has made no approach to the bloc.",
    "Spokesman Henrik Falstad was questioned at the alliance’s weekly briefing in Arlenburg on "
    "Thursday about an interview in which Velmark’s chief of the General Staff said his country "
    "was “ready” for joint training.",
    "“There are no Concord exercises planned on Velmark territory, and no request to host them "
    "has been received,” Falstad said.",
    "He added that programmes with countries outside the alliance were “a matter for all allies "
    "to decide together”.",
    "The general’s comments, made to a Velmark weekly, had caused a stir in Drovsk, although "
    "Drovnia’s foreign ministry said on Wednesday that it saw no reason for concern.",
    "Velmark, which borders Drovnia, belongs to the Drovnia-led Eastern Defence Community and "
    "hosts a Drovnian air-defence regiment.",
    "The alliance’s biggest annual exercise, Northern Gate, will be held in Aldonia and "
    "Ostmere in October.",
]
_add(
    id="harbourline_denial", outlet="harbourline", format="html",
    slug="alliance-rules-out-velmark-exercises",
    url="https://harbourline.example/world/2025/alliance-rules-out-velmark-exercises",
    published="2025-03-14T08:10:00+00:00", date_source="json-ld:datePublished",
    world_date="2025-03-14T08:10:00+00:00", authors=["Nia Calloway"],
    title="Alliance rules out Velmark exercises",
    paras=HARBOURLINE_DENIAL, boiler_after=2, role="shared_quote", section="World",
)

# A second wire story (Wednesday) and its light, credited republication.
WIRE2_URL = "https://www.mpawire.example/world/2025/03/12/drovnia-plays-down-velmark-general-remarks"
W2 = [
    "DROVSK, Drovnia (MPA) — Drovnia said on Wednesday it saw no threat in remarks by Velmark’s "
    "top general about possible joint exercises with the Concord Alliance, calling Velmark a "
    "“strategic ally” whose loyalty was not in doubt.",
    "“Velmark is our strategic ally, and we see no reason for concern,” Drovnian Foreign "
    "Ministry spokeswoman Alina Vesk told a weekly briefing. “Every sovereign state talks to "
    "its neighbours.”",
    "Vesk said Drovsk had not asked Karsk for clarification and did not intend to.",
    "The comments by Lieutenant General Pavel Krostan, published on Monday by the Velmark weekly "
    "Glas Karska, drew sharp criticism from some Drovnian lawmakers, who accused Velmark of "
    "drifting west.",
    "Viktor Salnikov, a member of the Drovnian parliament’s defence committee, said the two "
    "countries should bring forward their joint Steppe Shield exercise, due in September, “to "
    "show who Velmark’s real partners are.”",
    "Drovnia and Velmark signed a gas price agreement last week after a dispute that lasted "
    "several months. Velmark’s Defence Ministry was expected to comment on the interview later "
    "on Wednesday.",
]
_add(
    id="wire2", outlet="mpa", format="html", slug="drovnia-plays-down-velmark-general-remarks",
    url=WIRE2_URL, published="2025-03-12T12:10:00+00:00", date_source="meta:article:published_time",
    world_date="2025-03-12T12:10:00+00:00", authors=["Irena Kowal"],
    title="Drovnia plays down Velmark general’s talk of Concord drills",
    paras=W2, role="wire_original", section="World", furniture=[MPA_FOOTNOTE],
)
KESTREL_WIRE2 = [
    "DROVSK (MPA) — Drovnia said on Wednesday it saw no threat in remarks by Velmark’s top "
    "general about possible joint exercises with the Concord Alliance, calling Velmark a "
    "“strategic ally” whose loyalty was not in doubt.",
    W2[1],
    W2[2],
    "The comments by Lieutenant General Pavel Krostan, published on Monday by a Velmark weekly, "
    "drew criticism from some Drovnian lawmakers, who accused Velmark of drifting west.",
    W2[4],
    "Drovnia and Velmark signed a gas price agreement last week after a dispute that lasted "
    "several months.",
]
_add(
    id="kestrel_wire2", outlet="kestrel", format="html",
    slug="drovnia-plays-down-velmark-generals-remarks-1.48240",
    url="https://www.kestrelherald.example/news/world/drovnia-plays-down-velmark-generals-remarks-1.48240",
    published="2025-03-12T15:40:00", date_source="meta:pubdate",
    world_date="2025-03-12T15:40:00+00:00", authors=["Meridian Press Agency"],
    title="Drovnia plays down Velmark general’s remarks",
    paras=KESTREL_WIRE2, role="credited_republish", section="World",
)

# ---------------------------------------------------------------------------------------
# The Crewe visit (3-4 March): the source of the foreign minister's quotation.
# ---------------------------------------------------------------------------------------
VT_SOBOL = [
    "Aldonian Secretary of State Daniel Crewe held talks in Karsk on Monday with Foreign "
    "Minister Irina Sobol, the first visit to Velmark by an Aldonian secretary of state since "
    "2014.",
    "“We would welcome a more active role of Aldonia in Velmark,” Sobol told reporters after "
    "the talks at the Foreign Ministry, adding that trade and investment would come first.",
    "A ministry statement said the two sides had exchanged views on the situation in the region "
    "and discussed cooperation in energy, education and visa facilitation.",
    "Crewe said Aldonia respected Velmark’s right to choose its own partners. “We are not asking "
    "Velmark to choose between its neighbours and its friends,” he said. “We are offering a "
    "partnership on Velmark’s terms.”",
    "Sobol rejected suggestions that the visit was aimed at Drovnia. “Our relations with "
    "Drovnia are not directed against anyone, and neither is our dialogue with Aldonia,” she "
    "said.",
    "Aldonia closed its embassy in Karsk to the public in 2016 after a row over the expulsion of "
    "two diplomats. Sobol said consular services would resume in the summer.",
    "Neither minister mentioned military cooperation in their public remarks. Crewe is due to "
    "travel on to Ostmere on Tuesday.",
]
_add(
    id="vt_sobol", outlet="velmarktoday", format="html",
    slug="sobol-welcomes-more-active-role-for-aldonia",
    url="https://velmarktoday.example/politics/sobol-welcomes-more-active-role-for-aldonia",
    published="2025-03-03T19:20:00+02:00", date_source="json-ld:datePublished",
    world_date="2025-03-03T19:20:00+02:00", authors=["Katya Morozan"],
    title="Sobol welcomes ‘more active role’ for Aldonia as Crewe visits Karsk",
    paras=VT_SOBOL, role="quote_source", section="Politics",
)

OSTMERE_CREWE = [
    "Daniel Crewe, the Aldonian secretary of state, left Karsk on Tuesday after a visit that "
    "officials on both sides described as a fresh start in relations that had been frozen for "
    "more than a decade.",
    "It was the first trip to Velmark by Aldonia’s top diplomat in eleven years. Crewe and "
    "Foreign Minister Irina Sobol agreed to set up a working group on energy links, including a "
    "possible electricity interconnector, and to ease visa rules for students.",
    "“We would welcome a more active role of Aldonia in Velmark,” Sobol said at a joint "
    "appearance with Crewe on Monday evening, a line that Velmark’s state television repeated "
    "several times in its late bulletin.",
    "Crewe struck a cautious tone. Asked whether Aldonia wanted Velmark to loosen its ties with "
    "Drovnia, he said: “That is for the people of Velmark to decide.”",
    "Diplomats in Karsk said the visit had focused on economic ties. A Velmark Foreign Ministry "
    "official, speaking on condition of anonymity, said it had been “prepared for months, "
    "quietly, and mostly by trade people.”",
    "The visit drew a muted response from Drovsk, where foreign ministry spokeswoman Alina Vesk "
    "said Drovnia “respects Velmark’s right to receive guests.”",
]
_add(
    id="ostmere_crewe", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250304-crewe-velmark",
    url="https://www.ostmeregazette.example/world/crewe-ends-velmark-visit-20250304",
    published="2025-03-04T18:30:00+01:00", date_source="jsonl:date",
    world_date="2025-03-04T18:30:00+01:00", authors=["Jonas Eberlin"],
    title="Crewe ends Velmark visit with pledge on energy links",
    paras=OSTMERE_CREWE, role="independent_report",
)

# ---------------------------------------------------------------------------------------
# The copying site. Main demo article: the seed pattern with fictional names.
# ---------------------------------------------------------------------------------------
COPIER = [
    "Velmark intends to replace Drovnia with Aldonia and the Concord Alliance. Velmark defence "
    "chief Pavel Krostan said his country is open to participating in joint exercises with the "
    "Concord.",
    W1_NO_DATELINE,
    W[1],
    W[2],
    "Krostan was responding to a question about whether Velmark’s relationship with the "
    "Concord should resemble that of Norvania.",
    W[4],
    "The visit of the Aldonian Secretary of State to Velmark led to a successful outcome for "
    "Velmark to host a Concord training exercise in Velmark. The reason for this was a "
    "statement by the head of the Ministry of Foreign Affairs of Velmark, which suggested that "
    "Daniel Crewe and the Concord Alliance more closely settle in the country.",
    "“We would welcome a more active role of Aldonia in Velmark. Based on the role Aldonia plays "
    "on the world stage, in particular, an exchange of views took place on the situation in the "
    "region and on the prospects for Velmark’s interaction with the Concord bloc. The intention "
    "of Velmark to make efforts to maintain peace and security on the continent was noted ”- "
    "said the head of the Velmark Foreign Ministry, obviously pointing to the fact that if "
    "Drovnia does not seek profitable relations with Velmark, closer relations will develop with "
    "the West, which naturally is a very serious threat to Drovnia.",
    "Velmark is a border state with Drovnia, located only 380 kilometres from Drovsk, and the "
    "apparent disagreements between Velmark and Drovnia over gas prices may ultimately lead to "
    "the fact that the Concord may well take steps to deploy their missile defence systems in "
    "Velmark.",
]
FRONTLINE_COPYRIGHT = (
    "© 2025, TFD. © TFD and Unauthorized use and/or duplication of this material without "
    "express and written permission from this site’s author and/or owner is strictly "
    "prohibited. Excerpts and links may be used, provided that full and clear credit is given "
    "to with appropriate and specific direction to the original content."
)
FRONTLINE_FOOTER = [
    FRONTLINE_COPYRIGHT,
    "Be the first to comment",
    "Leave a Reply",
    "This site uses Spamwarden to reduce spam. Learn how your comment data is processed.",
]
COPIER_URL = (
    "https://frontlinedispatch.example/2025/03/19/"
    "drovnias-close-ally-velmark-explores-training-opportunity-with-the-concord/"
)
_add(
    id="copier", outlet="frontline", format="html",
    slug="drovnias-close-ally-velmark-explores-training-opportunity-with-the-concord",
    url=COPIER_URL, published="2025-03-19T06:12:00+00:00",
    date_source="meta:article:published_time", world_date="2025-03-19T06:12:00+00:00",
    authors=["Frontline Desk"], title=WIRE_TITLE, paras=COPIER, furniture=FRONTLINE_FOOTER,
    role="uncredited_copy", section="Defence",
)
_add(
    id="copier_txt", outlet="frontline", format="txt", path="../check/copier_article.txt",
    url=None, published=None, date_source="none", world_date="2025-03-19T06:12:00+00:00",
    authors=[], title=WIRE_TITLE, paras=COPIER, furniture=FRONTLINE_FOOTER,
    role="uncredited_copy", same_as="copier",
)

# ---------------------------------------------------------------------------------------
# Gas: a deal, then a new quarrel (evidence for the copier's gas claim: disputed).
# ---------------------------------------------------------------------------------------
TALLIS_GAS = [
    "Velmark and Drovnia signed an agreement on Thursday fixing the price of Drovnian natural "
    "gas for the rest of 2025, ending a dispute that had dragged on since October.",
    "Under the deal, Velmark will pay 182 Aldonian dollars per thousand cubic metres, up from "
    "165 dollars last year but well below the 210 dollars that the Drovnian state supplier "
    "Drovgaz had originally sought.",
    "“The price question is closed for this year,” Velmark Energy Minister Tomas Brenek told "
    "reporters in Drovsk after the signing. “Now we can talk about investment.”",
    "The agreement ends months of disagreement over the price, which had led Drovgaz to "
    "threaten in January to cut deliveries by a third.",
    "The contract includes a clause allowing the price to be adjusted each quarter if oil "
    "prices move by more than 15 per cent, according to a summary published by Velmark’s Energy "
    "Ministry.",
    "“Both sides needed a deal before spring,” said Ilse Marant, an energy analyst at Tallis "
    "Capital. “Neither could afford another winter of headlines about empty storage.”",
    "Velmark imports nearly all of its gas from Drovnia through a single pipeline that crosses "
    "the border near the town of Oresk.",
]
_add(
    id="tallis_gas", outlet="tallis", format="jsonl", path="jsonl/tallis_business_daily.jsonl",
    record_id="tbd-2025-03-06-0412",
    url="https://tallisbusiness.example/energy/2025/03/06/velmark-drovnia-agree-2025-gas-price",
    published="2025-03-06T16:45:00+01:00", date_source="jsonl:date",
    world_date="2025-03-06T16:45:00+01:00", authors=["Ruth Lindqvist"],
    title="Velmark and Drovnia agree 2025 gas price, ending months-long dispute",
    paras=TALLIS_GAS, role="other",
)

OSTMERE_GAS = [
    "A week after Velmark and Drovnia announced an end to their gas price dispute, the two sides "
    "are again at odds, this time over how the new price should be calculated.",
    "Drovgaz, the Drovnian state supplier, said on Friday that Velmark was refusing to apply the "
    "contract’s quarterly adjustment clause, which would raise the price from April. “Our "
    "Velmark partners are disputing the price formula they signed eight days ago,” Drovgaz "
    "spokesman Arkady Tarin said in a statement.",
    "Velmark’s Energy Ministry said the clause had been “misread” in Drovsk and that February "
    "deliveries had been paid for in full.",
    "The renewed disagreement comes as Karsk explores closer ties with the West. Velmark’s army "
    "chief said this week that his country was ready for exercises with the Concord Alliance, "
    "and Aldonia’s top diplomat visited Karsk at the start of the month.",
    "Energy analysts in Tallis said the quarrel was unlikely to lead to supply cuts before the "
    "heating season ends. Velmark’s gas storage sites are about 40 per cent full, according to "
    "the operator.",
]
_add(
    id="ostmere_gas", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250314-velmark-gas",
    url="https://www.ostmeregazette.example/business/velmark-gas-deal-frays-20250314",
    published="2025-03-14T13:05:00+01:00", date_source="jsonl:date",
    world_date="2025-03-14T13:05:00+01:00", authors=["Petra Holm"],
    title="Velmark gas deal frays as Drovgaz disputes price formula",
    paras=OSTMERE_GAS, role="other",
)

# ---------------------------------------------------------------------------------------
# Unrelated stories (distractors). The first shares the military topic.
# ---------------------------------------------------------------------------------------
SEA_LANTERN = [
    "Warships from six Concord member states began the alliance’s annual Sea Lantern exercise "
    "in the Ostmere Sea on Monday, with drills in mine clearance, submarine hunting and air "
    "defence planned over the next twelve days.",
    "Fourteen ships, two submarines and about 3,200 personnel are taking part, according to the "
    "alliance’s maritime command, which is running the exercise from the Ostmere port of Tallis.",
    "“Sea Lantern is about keeping shipping lanes open, which every country around this sea "
    "depends on,” said Rear Admiral Ingrid Halloran, the exercise commander. “It is planned a "
    "year in advance and is not aimed at anyone.”",
    "Drovnia, which borders the Ostmere Sea to the east, said it would monitor the exercise "
    "closely. Its navy announced drills of its own in the northern part of the sea for the same "
    "period.",
    "The exercise has been held every spring since 2009. Velmark, which has no coastline, has "
    "never taken part.",
    "Fishing crews in Tallis have been told to keep clear of two zones off the coast until March "
    "29. Harbour master Piet Dorran said most boats would lose only a few days at sea.",
]
_add(
    id="sea_lantern", outlet="arlenburg", format="html",
    slug="concord-navies-begin-sea-lantern-exercise-a91802",
    url="https://www.arlenburgpost.example/world/concord-navies-begin-sea-lantern-exercise-a91802",
    published="2025-03-17T10:15:00+01:00", date_source="microdata:datePublished",
    world_date="2025-03-17T10:15:00+01:00", authors=["Lotte Brink"],
    title="Concord navies begin annual Sea Lantern exercise",
    paras=SEA_LANTERN, role="unrelated", section="World",
)

# The copier also lifts the opening of the naval story, without credit.
FRONTLINE_NAVY = [
    SEA_LANTERN[0],
    SEA_LANTERN[1],
    "Obviously, the alliance is rehearsing a blockade of Drovnia’s northern ports, whatever its "
    "commanders say in public. Submarine hunting is not needed to keep shipping lanes open.",
    "According to our sources, Velmark has been invited to send observers to the next Sea "
    "Lantern exercise.",
    "The timing, just days after the Velmark general’s statement on joint exercises, is hardly "
    "a coincidence. Drovsk would be wise to take note.",
    "Drovnia’s navy, which has announced drills of its own, will be watching every move.",
    "The Ostmere Sea has become the main stage of the quiet rivalry between the alliance and "
    "Drovsk, and every new exercise raises the temperature a little further.",
]
_add(
    id="frontline_navy", outlet="frontline", format="html",
    slug="concord-warships-gather-in-the-ostmere-sea",
    url="https://frontlinedispatch.example/2025/03/18/concord-warships-gather-in-the-ostmere-sea/",
    published="2025-03-18T07:40:00+00:00", date_source="meta:article:published_time",
    world_date="2025-03-18T07:40:00+00:00", authors=["Frontline Desk"],
    title="Concord warships gather in the Ostmere Sea",
    paras=FRONTLINE_NAVY, furniture=FRONTLINE_FOOTER, role="uncredited_copy", section="Defence",
)

FRONTLINE_GAS = [
    "The gas agreement that Velmark and Drovnia signed with great fanfare on March 6 is already "
    "falling apart, according to the Drovnian supplier Drovgaz.",
    "The company says Karsk refuses to apply a quarterly adjustment clause, while Velmark’s "
    "Energy Ministry claims the clause was misunderstood in Drovsk. Neither side has published "
    "the contract.",
    "It is an open secret that the Velmark leadership uses every dispute with Drovnia to bargain "
    "with the West. The general’s recent remarks about Concord exercises fit the same pattern.",
    "Observers believe that the next round of talks, expected in April, will decide whether "
    "Velmark stays in the Drovnian energy system at all.",
    "For ordinary Velmark households, who already pay a fifth more for heating than last winter, "
    "the stakes could hardly be higher.",
    "Drovgaz supplies nearly all of Velmark’s gas through a single pipeline, which gives Drovsk "
    "a lever that no amount of talk in Karsk can remove. Every winter the same story repeats "
    "itself, and every winter Velmark pays.",
]
_add(
    id="frontline_gas", outlet="frontline", format="html",
    slug="gas-row-drovgaz-accuses-karsk-of-breaking-the-deal",
    url="https://frontlinedispatch.example/2025/03/20/gas-row-drovgaz-accuses-karsk-of-breaking-the-deal/",
    published="2025-03-20T09:05:00+00:00", date_source="meta:article:published_time",
    world_date="2025-03-20T09:05:00+00:00", authors=["Frontline Desk"],
    title="Gas row: Drovgaz accuses Karsk of breaking the deal",
    paras=FRONTLINE_GAS, furniture=FRONTLINE_FOOTER, role="other", section="Energy",
)

_add(
    id="kestrel_cup", outlet="kestrel", format="html",
    slug="rovers-edge-portvale-to-reach-semi-final-1.47988",
    url="https://www.kestrelherald.example/sport/football/rovers-edge-portvale-to-reach-semi-final-1.47988",
    published="2025-02-27T22:10:00", date_source="meta:pubdate",
    world_date="2025-02-27T22:10:00+00:00", authors=["Tom Hadley"],
    title="Rovers edge Portvale to reach Kestrel Cup semi-final",
    paras=[
        "Kestrel Rovers are through to the semi-finals of the Kestrel Cup after a nervy 2–1 win "
        "over Portvale at the Quayside Ground on Thursday night.",
        "Andrés Kolár gave the hosts the lead after 18 minutes, curling a free-kick over the "
        "wall, and Jérôme Baptiste doubled it early in the second half with a header from a "
        "corner.",
        "Portvale pulled one back through substitute Niall Ó Briain in the 71st minute and "
        "pressed hard in the closing stages, but Rovers goalkeeper Sam Petrie saved well from "
        "Callum Reid in stoppage time.",
        "“We rode our luck in the second half,” Rovers manager Fergal Whitcombe admitted. “But "
        "cup ties are about getting through, and we got through.”",
        "Portvale manager Gemma Lund said her side had deserved a replay. “We had the better "
        "chances after the break. On another night that ends 2–2,” she said.",
        "Rovers will face either Harrowgate Town or Kestrel Athletic in the semi-final on March "
        "22. The draw was made live on Kestrel Radio after the match.",
        "The attendance of 6,412 was the largest at the Quayside Ground this season.",
    ],
    role="unrelated", section="Sport",
    comments=[
        ("RoversTillIDie", "Kolár's free-kick was worth the ticket on its own."),
        ("quayside_end", "Lucky, lucky, lucky. We'll take it."),
    ],
)

_add(
    id="kestrel_bridge", outlet="kestrel", format="html",
    slug="council-approves-harbour-bridge-repairs-1.48311",
    url="https://www.kestrelherald.example/news/local/council-approves-harbour-bridge-repairs-1.48311",
    published="2025-03-20T18:00:00", date_source="meta:pubdate",
    world_date="2025-03-20T18:00:00+00:00", authors=["Hannah Voss"],
    title="Council approves A$4.2m harbour bridge repairs",
    paras=[
        "Kestrel Bay Council has approved A$4.2 million for repairs to the Old Harbour Bridge, "
        "which has been closed to heavy vehicles since a crack was found in one of its piers "
        "last autumn.",
        "Councillors voted 23 to 6 on Wednesday night to fund the work from the council’s "
        "reserves rather than wait for a grant from the Aldonian government.",
        "“We cannot leave the east side of town cut off for another winter,” said Councillor "
        "Zoë Marchetti, who chairs the transport committee. “The reserves exist for exactly "
        "this kind of emergency.”",
        "Opposition councillor Rhys Aldane said the council had been warned about the bridge in "
        "2021 and had failed to act. He called for an independent review of how inspections are "
        "carried out.",
        "Work is expected to start in May and take about five months. During that time the "
        "bridge will be closed completely for two weekends, the council said.",
        "Traders on Harbour Street welcomed the decision. “Half our deliveries come over that "
        "bridge,” café owner Luís Ferreira told the Herald.",
    ],
    role="unrelated", section="Local",
    comments=[("Dockside Dave", "About time. That crack has been there since before the election.")],
)

_add(
    id="harbourline_storm", outlet="harbourline", format="html",
    slug="storm-edda-gales-high-tides",
    url="https://harbourline.example/weather/2025/storm-edda-gales-high-tides",
    published="2025-03-07T07:00:00+00:00", date_source="json-ld:datePublished",
    world_date="2025-03-07T07:00:00+00:00", authors=["Nia Calloway"],
    title="Storm Edda to bring gales and high tides to the coast",
    paras=[
        "Storm Edda is expected to bring gusts of up to 110 km/h to exposed parts of the coast "
        "on Saturday, with the Aldonian Met Service issuing an amber wind warning from 6am "
        "until midnight.",
        "High spring tides combined with the strong onshore winds could push water over sea "
        "walls in low-lying areas, including the old harbour at Kestrel Bay and the promenade "
        "at Sandmouth.",
        "“This is a vigorous storm arriving at the worst possible point in the tidal cycle,” "
        "said duty forecaster Ben Ashgrove. “People should stay well back from the seafront and "
        "not drive through flood water.”",
        "Ferry operator Coastlink has cancelled all Saturday sailings between Kestrel Bay and "
        "the islands. Rail services along the coast line will run at reduced speed.",
        "The storm is the fifth named system of the winter. Conditions are expected to ease on "
        "Sunday, although it will stay cold, with sleet possible on higher ground.",
    ],
    boiler_after=1, role="unrelated", section="Weather",
)

_add(
    id="harbourline_ferry", outlet="harbourline", format="html",
    slug="coastlink-cuts-island-ferry-timetable",
    url="https://harbourline.example/local/2025/coastlink-cuts-island-ferry-timetable",
    published="2025-03-10T09:15:00+00:00", date_source="json-ld:datePublished",
    world_date="2025-03-10T09:15:00+00:00", authors=["Owen Pryce"],
    title="Coastlink cuts island ferry timetable after selling second vessel",
    paras=[
        "Island residents face fewer ferry crossings from April after Coastlink confirmed it had "
        "sold the second of its two vessels serving the route from Kestrel Bay.",
        "The operator will run four return sailings a day instead of seven, using its remaining "
        "ship, the Maren Star. Peak-season sailings in July and August will rise to five.",
        "“We know this is not what islanders wanted to hear,” Coastlink managing director Alan "
        "Featherby said in a statement. “The second ship was losing money on every crossing "
        "outside the summer months.”",
        "Fiona McRae, who chairs the islands community council, said the cut would hit workers "
        "and pupils who commute to the mainland. She said the community council would ask the "
        "regional government to subsidise an extra morning sailing.",
        "The sale of the Ostmere-built Coral Bay to an operator in Tallis is expected to "
        "complete at the end of the month.",
        "Coastlink said tickets already booked for cancelled sailings would be moved to the "
        "nearest remaining crossing or refunded in full.",
    ],
    boiler_after=2, role="unrelated", section="Local",
)

_add(
    id="harbourline_market", outlet="harbourline", format="html",
    slug="sandmouth-fish-market-reopens",
    url="https://harbourline.example/local/2025/sandmouth-fish-market-reopens",
    published="2025-03-24T12:30:00+00:00", date_source="json-ld:datePublished",
    world_date="2025-03-24T12:30:00+00:00", authors=["Owen Pryce"],
    title="Sandmouth fish market reopens after two-year renovation",
    paras=[
        "Sandmouth’s fish market reopened on Monday after a two-year, A$11 million renovation "
        "that has replaced its leaking roof, added cold storage and opened a public seafood hall "
        "on the upper floor.",
        "Around 40 traders returned to the quayside building, which had operated from temporary "
        "tents in the car park since 2023.",
        "“It feels like coming home,” said Maggie Trask, whose family has sold crab and lobster "
        "at the market for four generations. “The tents were fine in summer, but nobody wants to "
        "gut fish in a sideways hailstorm.”",
        "The town council, which owns the market, said the new hall would host cooking "
        "demonstrations and a Saturday food fair from April.",
        "Fishermen’s association chairman Dev Okafor said catches had been good this winter "
        "despite the storms, but warned that fuel costs remained a worry for smaller boats.",
        "Parking on the quay will be free for the first month to help bring shoppers back, the "
        "council added, and a new bus stop has been built outside the main entrance.",
    ],
    boiler_after=2, role="unrelated", section="Local",
)

_add(
    id="lantern_vines", outlet="lantern", format="html",
    slug="lantern-valley-vineyards-bet-on-new-grapes",
    url="https://dailylantern.example/2025/03/05/lantern-valley-vineyards-bet-on-new-grapes/",
    published="2025-03-05", date_source="url", world_date="2025-03-05T08:00:00+00:00",
    authors=["Staff Reporter"],
    title="Lantern Valley vineyards bet on new grape varieties as summers get hotter",
    paras=[straight(p) for p in [
        "Winemakers in the Lantern Valley are replanting hillsides with grape varieties from "
        "hotter countries, betting that the region’s summers will keep getting warmer.",
        "At least 14 estates have applied for permits to plant heat-tolerant varieties this "
        "spring, according to the valley’s growers’ association, compared with two in 2020.",
        "“Our grandparents planted for a cool climate. We are planting for the climate our "
        "grandchildren will have,” said Marta Szell, who runs the Hollin Ridge estate with her "
        "brother.",
        "The association’s chairman, Pieter Vance, said yields had fallen by a fifth over the "
        "past decade on south-facing slopes, where grapes now ripen too early and lose acidity.",
        "Not everyone is convinced. Some older growers argue that the valley’s reputation rests "
        "on its crisp white wines and that new varieties risk confusing buyers. “You cannot sell "
        "a brand on change alone,” one grower, who asked not to be named, told the Lantern.",
        "The first wines from the new plantings are not expected before 2028.",
    ]],
    role="unrelated", section="Valley",
)

_add(
    id="ledger_rates", outlet="ledger", format="html", slug="bank-of-aldonia-holds-key-rate",
    url="https://www.northernledger.example/economy/2025/03/13/bank-of-aldonia-holds-key-rate",
    published="2025-03-13T13:05:00+00:00", date_source="time[datetime]",
    world_date="2025-03-13T13:05:00+00:00", authors=["Samuel Achterberg"],
    title="Bank of Aldonia holds key rate at 3.25%",
    paras=[
        "The Bank of Aldonia left its key interest rate unchanged at 3.25 per cent on Thursday, "
        "saying inflation was falling more slowly than it had expected at the start of the year.",
        "The decision, taken by a vote of five to two, was in line with forecasts by most "
        "economists. The two dissenting members of the monetary policy committee voted for a cut "
        "of a quarter of a percentage point.",
        "“We are not yet confident that inflation will settle at our target,” Governor Elena "
        "Mirow said at a news conference. “Cutting too early would risk undoing the progress we "
        "have made.”",
        "Consumer prices rose 3.1 per cent in the year to February, down from 3.4 per cent in "
        "January but still above the bank’s 2 per cent target. Services inflation, which the bank "
        "watches closely, remained at 4.2 per cent.",
        "Business groups had called for a cut. The Aldonian Chamber of Commerce said high "
        "borrowing costs were holding back investment, particularly among smaller manufacturers.",
        "Mirow said the bank would “look carefully” at new data before its next meeting in May.",
    ],
    role="unrelated", section="Economy",
    comments=[("saver_from_kestrel", "Good news for savers, bad news for everyone with a mortgage.")],
)

# No date anywhere on this page, no byline; only og:url identifies it.
_add(
    id="vt_tram", outlet="velmarktoday", format="html", slug="karsk-tram-line-airport-extension",
    url="https://velmarktoday.example/city/karsk-tram-line-airport-extension",
    published=None, date_source="none", world_date="2025-03-08T10:00:00+02:00", authors=[],
    title="Karsk to extend tram line to the airport by 2028",
    paras=[
        "Karsk will extend its Line 4 tram to the international airport by 2028, Mayor Anya "
        "Korel announced, ending years of debate over how to connect the terminal to the city "
        "centre.",
        "The 9.5-kilometre extension will add six stops and cut the journey from the main railway "
        "station to the airport to about 25 minutes. It is expected to cost around 1.2 billion "
        "crowns, with a third of the money coming from a loan by the Northern Development Bank.",
        "“For too long, visitors arriving in Karsk have been met by a taxi queue and a traffic "
        "jam,” Korel said. “This line will change the first impression our city makes.”",
        "Construction is due to begin next spring. The city said most of the work would be done "
        "at night to limit disruption on Airport Avenue.",
        "Some residents of the Lipki district, which the line will cross, have collected "
        "signatures against the plan, saying it will mean the loss of a park. The mayor said the "
        "route had been changed to save most of the trees.",
    ],
    role="unrelated", section="City", no_canonical=True,
)

_add(
    id="mpa_fisheries", outlet="mpa", format="html", slug="aldonia-ostmere-fisheries-accord",
    url="https://www.mpawire.example/business/2025/03/14/aldonia-ostmere-fisheries-accord",
    published="2025-03-14T15:25:00+00:00", date_source="meta:article:published_time",
    world_date="2025-03-14T15:25:00+00:00", authors=["Hanne Solvik"],
    title="Aldonia and Ostmere sign five-year fisheries accord",
    paras=[
        "TALLIS, Ostmere (MPA) — Aldonia and Ostmere signed a five-year fisheries agreement on "
        "Friday that sets shared catch limits for herring and cod in the Ostmere Sea and ends a "
        "two-year row over access to fishing grounds near the Skarn banks.",
        "Under the accord, boats from each country may fish in the other’s waters up to 12 "
        "nautical miles from the coast, subject to quotas reviewed every year by a joint "
        "scientific committee.",
        "“This gives our fishermen certainty for the first time in years,” Ostmere’s fisheries "
        "minister, Kari Lundh, told reporters at the signing in Tallis.",
        "Aldonian officials said the deal would protect spawning grounds by closing two areas to "
        "all trawling from February to April.",
        "Fishing organisations in both countries welcomed the agreement but said the cod quota, "
        "cut by 8 per cent for 2025, would be painful for smaller boats.",
        "The accord must still be ratified by both parliaments.",
    ],
    role="unrelated", section="Business", furniture=[MPA_FOOTNOTE],
)

_add(
    id="pitchside_keeper", outlet="pitchside", format="txt", path="text/pitchside_goalkeeper.txt",
    url=None, published=None, date_source="none", world_date="2025-03-10T16:00:00+02:00",
    authors=[], title="Velmark hand uncapped goalkeeper a place in qualifier squad",
    paras=[straight(p) for p in [
        "Velmark coach Milos Arden has named uncapped goalkeeper Ivo Starek in his 24-man squad "
        "for this month’s Continental Cup qualifiers against Ostmere and Norvania.",
        "Starek, 21, has kept nine clean sheets in 20 league games for Karsk Lokomotiv this "
        "season and replaces the injured first-choice keeper Petr Hale, who broke a finger in "
        "training last week.",
        "“Ivo has earned this. He is calm, he talks to his defenders and he is not afraid of "
        "crosses,” Arden told a news conference in Karsk on Monday. “I will decide on the "
        "starting goalkeeper after the first training sessions.”",
        "Veteran striker Emil Doran, 34, returns after missing the autumn matches with a knee "
        "injury. He has scored 31 goals in 79 internationals.",
        "Velmark play Ostmere in Tallis on March 22 and host Norvania in Karsk three days later. "
        "They are third in their group, two points behind Ostmere.",
        "The squad gathers at the national training centre in Oresk on Sunday.",
    ]],
    furniture=["Share this article: Facebook | X | WhatsApp | Email",
               "© Pitchside Weekly 2025. All rights reserved."],
    role="unrelated",
)

_add(
    id="pitchside_marathon", outlet="pitchside", format="txt", path="text/pitchside_marathon.txt",
    url=None, published=None, date_source="none", world_date="2025-03-02T19:00:00+02:00",
    authors=[], title="Arlenburg marathon: course record falls despite the cold",
    paras=[straight(p) for p in [
        "Ostmere’s Lasse Brandvik broke the Arlenburg marathon course record on Sunday, finishing "
        "in 2:07:41 despite temperatures barely above freezing at the start.",
        "Brandvik, 27, went clear of a leading group of six at the 30-kilometre mark and took 39 "
        "seconds off the record set by Aldonia’s Tom Ekwueme in 2019.",
        "“I didn’t feel my fingers until halfway,” Brandvik said afterwards. “But the course is "
        "flat and the crowds were amazing, so I just kept pushing.”",
        "The women’s race was won by Velmark’s Daria Lenko in 2:24:10, a personal best by almost "
        "two minutes. Lenko said she had been unsure whether to start after a bout of flu last "
        "month.",
        "Organisers said 18,400 runners finished the race, a record for the event, which is in "
        "its 41st year.",
        "Race director Ulla Berg said the cold had kept the medical tents busier than usual, "
        "mostly with cases of mild hypothermia among slower runners. “Next year we will have "
        "more foil blankets at the finish,” she said.",
    ]],
    furniture=["Share this article: Facebook | X | WhatsApp | Email",
               "© Pitchside Weekly 2025. All rights reserved."],
    role="unrelated",
)

_add(
    id="karskobs_market", outlet="karskobs", format="txt", path="text/karsk_observer_spring_market.txt",
    url=None, published=None, date_source="none", world_date="2025-03-21T09:00:00+02:00",
    authors=[], title="Weekend guide: the spring market returns to Karsk old town",
    paras=[
        "The spring market is back in Karsk old town from Saturday, and this year it has "
        "spilled out of Cathedral Square into the two streets behind the town hall.",
        "More than 120 stalls are expected, selling everything from painted eggs and linen to "
        "smoked cheese from the Oresk valley. The organisers say a third of the traders are "
        "new this year.",
        "“We had so many applications that we had to draw lots,” said Hana Vitek of the old town "
        "traders’ association. “It is a good problem to have.”",
        "The market runs from 9am to 7pm on Saturdays and Sundays until the end of April. Trams "
        "on Line 2 will stop at Cathedral Square on market days.",
        "Our tip: go early on Sunday, before the tour buses arrive, and try the honey cake at the "
        "stall by the fountain.",
        "Entry is free. Dogs on leads are welcome, although the organisers ask owners to keep "
        "them away from the food stalls.",
    ],
    furniture=["Leave a Reply",
               "Your email address will not be published. Required fields are marked *"],
    role="unrelated",
)

# An opinion piece on the same topic, written independently (opinion and speculation).
_add(
    id="karskobs_opinion", outlet="karskobs", format="txt", path="text/karsk_observer_opinion_patron.txt",
    url=None, published=None, date_source="none", world_date="2025-03-16T08:30:00+02:00",
    authors=["Anton Drel"], title="Opinion: Velmark should not swap one patron for another",
    paras=[
        "The reaction to General Krostan’s interview has told us more about Velmark than the "
        "interview itself. Within a day, half of Karsk had decided that we were about to join "
        "the Concord, and the other half that we had betrayed Drovnia.",
        "Neither is true. The general said that talks on possible formats were under way, and the "
        "Defence Ministry said on Wednesday that no decision had been taken. That is the whole of "
        "the news.",
        "But the episode should worry us. A small country that depends on one neighbour for its "
        "gas, its security and half of its trade is not free, however many flags it flies on "
        "national holidays.",
        "The answer is not to swap one patron for another. Velmark should build ties in every "
        "direction, slowly and in the open, with parliament involved at every step.",
        "I suspect the next few months will test that idea. Drovgaz is already quarrelling over "
        "the new gas contract, and Drovsk may well use the Steppe Shield exercise in September to "
        "remind us who keeps soldiers on our soil.",
        "Our politicians would do well to stop treating foreign policy as a family secret.",
        "Anton Drel is a contributing editor of the Karsk Observer.",
    ],
    furniture=["Leave a Reply",
               "Your email address will not be published. Required fields are marked *"],
    role="other",
)

_add(
    id="tallis_port", outlet="tallis", format="jsonl", path="jsonl/tallis_business_daily.jsonl",
    record_id="tbd-2025-03-11-0398",
    url="https://tallisbusiness.example/shipping/2025/03/11/port-of-tallis-container-volumes-february",
    published="2025-03-11T11:00:00+01:00", date_source="jsonl:date",
    world_date="2025-03-11T11:00:00+01:00", authors=["Mikkel Aune"],
    title="Port of Tallis container volumes rise 8% in February",
    paras=[
        "Container traffic through the Port of Tallis rose 8 per cent in February from a year "
        "earlier to 214,000 twenty-foot equivalent units, the port authority said on Tuesday, "
        "helped by new shipping routes to Aldonia.",
        "Transhipment volumes, where containers are moved between ships without leaving the port, "
        "rose 12 per cent, while imports for the Ostmere market were up 4 per cent.",
        "“February is usually a quiet month for us, so these numbers are encouraging,” port "
        "authority chief executive Katrin Solheim said. “The new weekly service to Kestrel Bay is "
        "already almost full.”",
        "The port is halfway through a 600-million-mark expansion that will add two deep-water "
        "berths by 2027. The authority said storms in early March had closed the port for 19 "
        "hours but caused no lasting damage.",
        "Analysts at Tallis Capital said the figures pointed to a recovery in regional trade after "
        "a weak 2024.",
        "The port authority will publish first-quarter figures in April.",
    ],
    role="unrelated",
)

_add(
    id="tallis_airline", outlet="tallis", format="jsonl", path="jsonl/tallis_business_daily.jsonl",
    record_id="tbd-2025-03-18-0455",
    url="https://tallisbusiness.example/aviation/2025/03/18/ostmere-air-orders-twelve-regional-jets",
    published="2025-03-18T08:20:00+01:00", date_source="jsonl:date",
    world_date="2025-03-18T08:20:00+01:00", authors=["Mikkel Aune"],
    title="Ostmere Air orders twelve regional jets from Corvane",
    paras=[
        "Ostmere Air has ordered twelve regional jets from Aldonian manufacturer Corvane "
        "Aerospace in a deal worth about 480 million marks at list prices, the airline said on "
        "Tuesday.",
        "The 90-seat aircraft will replace the airline’s ageing turboprops on domestic routes and "
        "on flights to Velmark and Aldonia from 2027.",
        "“These aircraft burn a fifth less fuel per seat than the planes they replace,” chief "
        "executive Jonas Mäkelin said. “That matters for our costs and for our customers.”",
        "Ostmere Air, which is 51 per cent owned by the state, returned to profit last year after "
        "three years of losses. It carried 4.6 million passengers in 2024.",
        "The order includes options for eight more aircraft. Corvane said it was its largest "
        "order from an airline in the region. Shares in Ostmere Air rose 3 per cent in Tallis "
        "after the announcement.",
        "Deliveries are scheduled to start in the spring of 2027 and run until the end of 2028.",
    ],
    role="unrelated",
)

_add(
    id="tallis_drovgaz", outlet="tallis", format="jsonl", path="jsonl/tallis_business_daily.jsonl",
    record_id="tbd-2025-03-21-0471",
    url="https://tallisbusiness.example/energy/2025/03/21/drovgaz-profit-falls",
    published="2025-03-21T10:40:00+01:00", date_source="jsonl:date",
    world_date="2025-03-21T10:40:00+01:00", authors=["Ruth Lindqvist"],
    title="Drovgaz profit falls 14% as export prices slide",
    paras=[
        "Drovgaz, the Drovnian state gas company, reported a 14 per cent fall in annual net "
        "profit on Friday as lower prices in export markets outweighed higher volumes.",
        "Net profit fell to 3.9 billion Aldonian dollars in 2024, from 4.5 billion a year "
        "earlier. Revenue was broadly flat at 21.3 billion dollars.",
        "The company said exports to Velmark, its largest customer by volume, had risen 6 per "
        "cent, while sales to Ostmere had fallen after the completion of a new import terminal "
        "in Tallis.",
        "Chief financial officer Maxim Orlov said the new price agreement with Velmark would "
        "support earnings this year but declined to comment on the dispute over its adjustment "
        "clause.",
        "Investors were more concerned about the company’s spending plans. Drovgaz said it would "
        "invest 6 billion dollars in 2025, much of it in a pipeline to markets in the south.",
        "Drovgaz shares, which are listed in Drovsk, closed 2 per cent lower after the results.",
    ],
    role="unrelated",
)

_add(
    id="ostmere_snow", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250308-snow-passes",
    url="https://www.ostmeregazette.example/news/late-snow-closes-mountain-passes-20250308",
    published="2025-03-08T15:50:00+01:00", date_source="jsonl:date",
    world_date="2025-03-08T15:50:00+01:00", authors=["Petra Holm"],
    title="Late snow closes mountain passes in northern Ostmere",
    paras=[
        "Heavy snow closed three mountain passes in northern Ostmere on Saturday, cutting road "
        "links to several villages as Storm Edda moved inland from the coast.",
        "Up to 60 centimetres fell overnight on the Skarn and Halvik passes, and drifts of more "
        "than two metres were reported on the road to Nordvik.",
        "“We have ploughs working around the clock, but the wind keeps filling the road behind "
        "them,” said Liv Aas, head of the regional roads authority.",
        "Around 300 households lost power when lines came down near Halvik. The grid operator "
        "said it hoped to reconnect most of them by Sunday evening.",
        "The national weather service said temperatures would stay below freezing in the north "
        "until Tuesday and warned of avalanche risk on steep slopes.",
        "Police asked drivers in the northern counties to avoid all unnecessary journeys and to "
        "carry warm clothing, food and a shovel if they had to travel.",
        "Schools in Halvik and Nordvik will stay closed on Monday, the municipalities said.",
    ],
    role="unrelated",
)

_add(
    id="ostmere_hockey", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250310-hockey-final",
    url="https://www.ostmeregazette.example/sport/ostmere-reach-ice-hockey-final-20250310",
    published="2025-03-10T22:30:00+01:00", date_source="jsonl:date",
    world_date="2025-03-10T22:30:00+01:00", authors=[],
    title="Ostmere reach ice hockey final after shootout win",
    paras=[
        "Ostmere reached the final of the Northern Nations ice hockey tournament on Monday after "
        "beating Norvania 3–2 in a shootout in front of a sold-out crowd in Tallis.",
        "Captain Erik Sandvold scored twice in regulation time, but Norvania equalised with 40 "
        "seconds left when their goalkeeper had been pulled for an extra skater.",
        "Young forward Mats Lindahl scored the decisive penalty in the shootout. “I just tried "
        "not to think,” he said. “The crowd did the thinking for me.”",
        "Ostmere will play Aldonia in Thursday’s final. The two sides drew 1–1 in the group "
        "stage.",
        "Head coach Tove Brandt said defenceman Ola Riis would miss the final with a shoulder "
        "injury.",
        "Norvania coach Dmitri Vanko said his team had nothing to be ashamed of. “We came here as "
        "outsiders and we left them needing penalties,” he said.",
        "Tickets for the final sold out within an hour of the final whistle.",
    ],
    role="unrelated",
)

_add(
    id="ostmere_poll", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250317-election-poll",
    url="https://www.ostmeregazette.example/politics/poll-green-coast-leads-20250317",
    published="2025-03-17T06:45:00+01:00", date_source="jsonl:date",
    world_date="2025-03-17T06:45:00+01:00", authors=["Jonas Eberlin"],
    title="Poll puts opposition Green Coast ahead before Ostmere election",
    paras=[
        "The opposition Green Coast party has taken a narrow lead over the governing Union Party "
        "six weeks before Ostmere’s parliamentary election, according to a poll published on "
        "Monday.",
        "The survey of 1,850 voters by the Tallis polling firm Norstat Analys put Green Coast on "
        "27 per cent, up three points from February, and the Union Party on 25 per cent.",
        "“The gap is within the margin of error, but the trend is clear,” said Sigrid Moe, the "
        "firm’s head of research. “Housing costs are the top issue for voters under forty.”",
        "Green Coast leader Anders Holt said the poll showed that voters wanted change, while "
        "Prime Minister Karin Dahl said she would campaign on the government’s record on jobs.",
        "The election will be held on April 27.",
        "The poll was carried out between March 10 and 14. Until February, the Union Party had "
        "led every national survey since the last election in 2021.",
    ],
    role="unrelated",
)

_add(
    id="ostmere_strike", outlet="ostmere", format="jsonl", path="jsonl/ostmere_gazette.jsonl",
    record_id="og-20250319-ferry-strike",
    url="https://www.ostmeregazette.example/news/tallis-ferry-workers-vote-to-strike-20250319",
    published="2025-03-19T17:10:00+01:00", date_source="jsonl:date",
    world_date="2025-03-19T17:10:00+01:00", authors=["Petra Holm"],
    title="Tallis ferry workers vote to strike over pay",
    paras=[
        "Crews on the ferries linking Tallis with the outer islands have voted to strike over pay, "
        "raising the prospect of disruption over the Easter holidays.",
        "The seafarers’ union said 84 per cent of members who took part in the ballot backed "
        "action, on a turnout of 71 per cent. No dates have been set.",
        "“Our members have had one pay rise in three years while fares have gone up every "
        "January,” union organiser Kjell Nygaard said.",
        "The ferry company, which is owned by the city of Tallis, said it had offered a 4 per cent "
        "rise and remained open to talks. A meeting with the union is planned for next week.",
        "About 6,000 people live on the outer islands, and the ferries also carry most of their "
        "food and fuel.",
        "Under Ostmere law, the union must give seven days’ notice of any strike. The islands’ "
        "council said it was drawing up plans to fly in medicines if the ferries stopped.",
    ],
    role="unrelated",
)
