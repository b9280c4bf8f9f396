"""Texts shared by the reuse tests (this module holds no tests).

All written for these tests: a fictional local news story, an independent report of the
same event (same topic, same quote, own words), and unrelated stories.
"""

from __future__ import annotations

from newstrace import Article

ORIGINAL_PARAS = [
    "The Harbour Council voted on Tuesday to close the old ferry terminal at Penrith Quay, "
    "ending almost ninety years of passenger service between the mainland and the outer islands.",
    "Councillors approved the plan by seven votes to four after a three-hour debate in which "
    "residents of Marrow Island warned that the decision would leave elderly people without a "
    "reliable way to reach the hospital in town.",
    "“We cannot keep pouring money into a pier that is literally falling into the sea,” said "
    "council leader Agnes Whitlock, who argued that the terminal needed repairs costing more than "
    "twelve million pounds.",
    "Under the approved plan, a smaller landing stage will be built at Gull Point by next spring, "
    "and the ferry operator has agreed to run an extra evening crossing during the summer months.",
    "Opponents said the new landing stage is exposed to westerly gales and that crossings would "
    "be cancelled far more often in winter, when the islands depend most on supplies from the mainland.",
    "The islanders' association said it would ask the regional transport authority to review the "
    "decision and was considering a legal challenge over the way the public consultation was run.",
]
ORIGINAL = "\n\n".join(ORIGINAL_PARAS)

DISTRACTOR = "\n\n".join([
    "Penrith Quay's ferry terminal will shut after local politicians backed its closure at a "
    "heated meeting this week, a move that islanders fear will cut them off in bad weather.",
    "The vote, seven to four, followed hours of argument. Several speakers from Marrow Island "
    "described how older neighbours rely on the boat for hospital appointments.",
    "“We cannot keep pouring money into a pier that is literally falling into the sea,” Agnes "
    "Whitlock, who leads the council, told the meeting.",
    "A replacement jetty at Gull Point is planned, though critics doubt it can cope with winter storms.",
])

OTHER_1 = "\n\n".join([
    "A rare orchid last recorded in the county in 1962 has been found growing beside a railway "
    "embankment near Old Stowe, botanists from the university confirmed on Friday.",
    "The plant was spotted by a retired signal engineer walking his dog, who photographed the "
    "purple flowers and sent the pictures to the county wildlife trust.",
])
OTHER_2 = "\n\n".join([
    "The town's only cinema will reopen in March after a community group raised enough money to "
    "replace the projector and repair the leaking roof over the main screen.",
    "Volunteers plan to show classic films on Sunday afternoons and hope to attract schools with "
    "cheap weekday matinees during the holidays.",
])


def article(text: str, url: str, published: str | None = "2021-03-02", site: str | None = None, **kw) -> Article:
    return Article(text=text, url=url, published=published, site=site, **kw)
