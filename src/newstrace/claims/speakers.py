"""Speakers: read who a speaker mention names, and resolve it within the article.

A mention is the noun phrase next to a speech verb ("Belokonev", "he", "the head of the
Belarusian Foreign Ministry", "Defence Minister John Smith"). `parse_mention` splits it into a
name and a role; `PersonIndex` keeps the people the article introduced before a point, so that
a surname ("Belokonev"), a pronoun ("he") or a role ("the defence chief") is resolved to the
person introduced earlier. There is no NER model: names are runs of capitalised words, which
fits news prose, and a run only counts as a person for pronouns when something says so (a
title or role next to it, an age, a known given name, or being quoted). Every resolution
records how it was made, so a reader can judge it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import NOT_NAME_WORDS, ROLE_NOUNS, TITLE_WORDS
from .names import gender_of_first_name, is_given_name

_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|Rev|Corp|Adm)\.(?=\s)"
    r"|[A-Z]\.(?:[A-Z]\.)+"  # U.S., U.N.
    r"|[A-Z]\.(?=\s?[A-Z])"  # an initial: "J. Smith", "A.K Verma"
    r"|@\w+"  # a social media handle
    r"|\w+(?:[’'-]\w+)*"
    r"|[^\w\s]"
)
_LEADING_CONNECTORS = frozenset("however but and meanwhile also still yet so then now later earlier instead".split())
_TIME_AFTER = frozenset("today yesterday tonight monday tuesday wednesday thursday friday saturday sunday week month year morning evening afternoon".split())
_NAME_LINKS = frozenset("of de da del der van von bin al el la le di du y".split())
_HONORIFICS = frozenset("mr mrs ms miss mx".split())
_FEMALE = frozenset(
    """spokeswoman chairwoman congresswoman businesswoman actress queen princess mother
    daughter wife sister mrs ms miss madam lady dame grandmother girl woman widow aunt niece
    girlfriend""".split()
)
_MALE = frozenset(
    """spokesman chairman congressman businessman actor king prince father son husband brother
    mr sir lord grandfather boy man uncle nephew boyfriend""".split()
)
_PERSON_HEADS = ROLE_NOUNS | _FEMALE | _MALE | frozenset(
    "woman man boy girl person teenager child user fan follower blogger viewer customer".split()
)
_ORG_WORDS = frozenset(
    """ministry department agency office party council committee government parliament
    house senate congress court university college school hospital police army navy force
    forces union news times post journal newspaper magazine press tv radio channel company
    corporation group bank foundation institute association organization organisation
    service services network reuters ap afp bbc cnn nato kremlin pentagon embassy
    commission administration authority authorities board bureau statement report study
    inc ltd corp club team center centre museum zoo church airport station observatory
    clinic council ministry's website site page account video letter release""".split()
)
IRREGULAR_VERBS = frozenset(
    """gave made took went came got found left began ran saw became kept held brought thought
    won lost met paid sent spent stood put set hit cut let led fell felt knew grew drew
    threw wore sold bought built caught fought taught rode wrote spoke broke chose drove
    flew forgot hid ate sat slept swam woke gives makes takes goes comes gets finds leaves""".split()
)
_AUX = frozenset(
    "is are was were be been being has have had will would can could may might shall should must do does did".split()
)
_ROLE_SYNONYMS = {
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "pm": "prime minister",
    "defense": "defence",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "chairwoman": "chair",
    "chairman": "chair",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "sen": "senator",
}
PRONOUNS = frozenset("he she they i we it".split())
PRONOUN_WINDOW = 1500  # characters back that a pronoun's gender-matching antecedent may be


@dataclass(frozen=True)
class Token:
    text: str
    begin: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, begin: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[begin:end] with offsets into `text`."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, begin, end)]


def norm_role_word(word: str) -> str:
    w = word.lower().rstrip(".").replace("’s", "").replace("'s", "")
    return _ROLE_SYNONYMS.get(w, w)


def role_words(role: str) -> list[str]:
    out: list[str] = []
    for w in re.findall(r"[\w’'-]+", role):
        out.extend(norm_role_word(w).split())
    return out


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to.

    name: the person's or organisation's name as resolved in the article, else None.
    role: the role or title given for the speaker ("the head of the Belarusian Foreign
          Ministry"), from the mention or from where the person was introduced.
    kind: "person" | "organisation" | "unknown".
    mention: the words next to the quote that refer to the speaker ("he", "Belokonev").
    mention_begin/mention_end: where those words are in Article.text.
    resolved_by: how name/role were found: "mention" (named right there), "surname",
          "pronoun", "role" (matched a role introduced earlier), "continuation" (the same
          speaker as the quote before), or "unresolved".
    """

    name: str | None
    role: str | None
    kind: str
    mention: str
    mention_begin: int
    mention_end: int
    resolved_by: str

    @property
    def label(self) -> str:
        """What to show for the speaker: the name, else the role, else the mention."""
        return self.name or self.role or self.mention

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "kind": self.kind,
            "mention": self.mention,
            "mention_span": [self.mention_begin, self.mention_end],
            "resolved_by": self.resolved_by,
            "label": self.label,
        }


@dataclass(frozen=True)
class Mention:
    """A parsed noun phrase that names or describes a speaker."""

    text: str
    begin: int
    end: int
    name: str | None
    role: str | None
    pronoun: str | None  # "he" | "she" | "they" | "i" | "we" | "it"
    kind: str  # person | organisation | unknown
    definite_role: bool = False  # "the minister": may refer back to a person introduced earlier
    evidence: bool = False  # something in the phrase says the name is a person's


_PARTICLE_NAME = re.compile(r"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|di|da|van|von|der|le|la|mc|o)[-’'][A-Z]")


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    if t.startswith("@") and len(t) > 1:
        return True
    if _PARTICLE_NAME.match(t):
        return True  # "al-Jabbouri", "bin-Laden", "O’Brien"
    if not t[:1].isupper():
        return False
    low = t.lower().rstrip(".")
    return low not in NOT_NAME_WORDS and low not in TITLE_WORDS and low not in _AUX and low not in ROLE_NOUNS


def parse_mention(text: str, begin: int, end: int) -> Mention | None:
    """Split the noun phrase text[begin:end] into name / role / pronoun.

    Handles "Belokonev", "Oleg Belokonev", "Belarus defense chief Oleg Belokonev",
    "US Secretary of State Mike Pompeo", "John Smith, the defence minister",
    "the head of the Belarusian Foreign Ministry", "a spokesman for the ministry", "he",
    "O'Brien and Wright".
    """
    toks = tokenize(text, begin, end)
    while toks and not (toks[0].text[:1].isalnum() or toks[0].text.startswith("@")):
        toks.pop(0)
    while toks and not (toks[-1].text[:1].isalnum() or toks[-1].text.startswith("@")):
        toks.pop()
    while toks and toks[0].low in _LEADING_CONNECTORS:
        toks.pop(0)  # "However a spokesman for Banksy"
    if toks and toks[0].low in ("at", "in", "on", "during", "after", "before") and len(toks) > 2:
        # "At the press conference today officials": the subject follows the adjunct
        cut = max((i for i, t in enumerate(toks[:-1]) if t.low in _TIME_AFTER or t.text == ","), default=None)
        if cut is not None:
            toks = toks[cut + 1 :]
    if not toks or len(toks) > 25:
        return None
    b, e = toks[0].begin, toks[-1].end
    phrase = text[b:e]
    if len(toks) == 1 and toks[0].low in PRONOUNS:
        low = toks[0].low
        return Mention(phrase, b, e, None, None, low, "person" if low in ("he", "she", "i") else "unknown")
    # An appositive after a comma: "John Smith, the defence minister" / "the minister, John Smith"
    comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
    if comma is not None and 0 < comma < len(toks) - 1:
        left = parse_mention(text, toks[0].begin, toks[comma - 1].end)
        right = parse_mention(text, toks[comma + 1].begin, toks[-1].end)
        if left and right:
            if left.name and not right.name and right.role:
                return Mention(phrase, b, e, left.name, _join_roles(left.role, right.role), None, "person", False, True)
            if right.name and not left.name and left.role:
                return Mention(phrase, b, e, right.name, _join_roles(right.role, left.role), None, "person", False, True)
        if left:
            return Mention(phrase, b, e, left.name, left.role, left.pronoun, left.kind, left.definite_role, left.evidence)
        return right
    # "Dr Mark Harvey from the Western Australian Museum", "Wilfried Strauch of Ineter": the
    # person is before the preposition, the rest is their affiliation.
    for i, t in enumerate(toks):
        if t.low in ("from", "of", "at", "with") and 0 < i < len(toks) - 1 and _is_name_token(toks[i - 1]):
            left = parse_mention(text, toks[0].begin, toks[i - 1].end)
            if left and left.name and left.kind == "person" and (left.evidence or len(left.name.split()) > 1):
                affiliation = text[t.begin : toks[-1].end]
                return Mention(phrase, b, e, left.name, _join_roles(left.role, affiliation) if left.role else affiliation, None, "person", False, True)
            break
    # Two names joined: "O'Brien and Wright" speak together.
    for i, t in enumerate(toks):
        if t.low == "and" and 0 < i < len(toks) - 1 and toks[i - 1].cap and toks[i + 1].cap:
            left = parse_mention(text, toks[0].begin, toks[i - 1].end)
            right = parse_mention(text, toks[i + 1].begin, toks[-1].end)
            if left and right and left.name and right.name and left.kind == right.kind == "person":
                return Mention(phrase, b, e, f"{left.name} and {right.name}", _join_roles(left.role, right.role), None, "person", False, True)
    # Name = the last run of name-like capitalised tokens (with links such as "de", "bin").
    j = len(toks)
    while j > 0 and (
        _is_name_token(toks[j - 1])
        or (toks[j - 1].low in _NAME_LINKS and j < len(toks) and j - 1 > 0 and _is_name_token(toks[j - 2]))
        or (re.fullmatch(r"[A-Z]\.", toks[j - 1].text) is not None and j < len(toks))
    ):
        j -= 1
    name_toks = toks[j:]
    role_toks = toks[:j]
    first = toks[0].low
    low_words = {norm_role_word(t.text) for t in toks}
    org_like = bool(low_words & _ORG_WORDS)
    if name_toks and role_toks and first == "the" and all(t.cap or t.low in _NAME_LINKS for t in toks[1:]):
        # "The White House", "The Wall Street Journal": a capitalised phrase after "the" is an organisation.
        return Mention(phrase, b, e, phrase, None, None, "organisation")
    if name_toks:
        name = text[name_toks[0].begin : name_toks[-1].end]
        if role_toks and role_toks[-1].low in ("of", "for", "at", "from", "with", "in", "on", "by", "to"):
            # "a spokesman for Gazprom", "the head of Rosatom": the capitalised words are the
            # organisation inside a role, not the speaker's name.
            kind = "person" if low_words & _PERSON_HEADS else ("organisation" if org_like else "unknown")
            return Mention(phrase, b, e, None, phrase, None, kind, first in ("the", "this"))
        if {norm_role_word(t.text) for t in name_toks} & _ORG_WORDS or (org_like and not role_toks):
            return Mention(phrase, b, e, phrase if role_toks and first != "the" and not (low_words & _PERSON_HEADS) else name, None, None, "organisation")
        roles = [t for t in role_toks]
        honorific = [t for t in roles if t.low.rstrip(".") in _HONORIFICS]
        roles = [t for t in roles if t.low.rstrip(".") not in _HONORIFICS]
        role = text[roles[0].begin : roles[-1].end] if roles else None
        evidence = bool(
            role_toks
            and any(norm_role_word(t.text) in ROLE_NOUNS or norm_role_word(t.text) in TITLE_WORDS or t.low.rstrip(".") in _HONORIFICS for t in role_toks)
        ) or (len(name_toks) > 1 and is_given_name(name_toks[0].text))
        if honorific and not role:
            evidence = True
        return Mention(phrase, b, e, name, role, None, "person", False, evidence)
    # No name: a role ("the head of ...", "a spokesman") or an organisation ("the ministry").
    if low_words & _PERSON_HEADS:
        return Mention(phrase, b, e, None, phrase, None, "person", first in ("the", "this"))
    if org_like:
        return Mention(phrase, b, e, None, phrase, None, "organisation", first == "the")
    return Mention(phrase, b, e, None, phrase, None, "unknown", False)


def _join_roles(a: str | None, b: str | None) -> str | None:
    if a and b:
        return f"{a}, {b}"
    return a or b


def gender_of(name: str | None, role: str | None) -> str | None:
    words = {w.lower().rstrip(".") for w in re.findall(r"[\w.]+", f"{name or ''} {role or ''}")}
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    if name:
        first = name.split()[0]
        return gender_of_first_name(first)
    return None


@dataclass
class Person:
    name: str | None  # None for a person known only by a description ("a 104-year-old woman")
    role: str | None
    first_seen: int
    last_seen: int
    gender: str | None = None
    kind: str = "person"
    evidence: bool = False  # known to be a person, not a place or a title

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower() if self.name else ""

    @property
    def label(self) -> str:
        return self.name or self.role or ""


_CAP_RUN = re.compile(
    r"(?:(?:[A-Z][\w’'-]+|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gen|Lt|Col|Prof)\.?)\s+(?:(?:de|van|von|bin|al|da|del)\s+)?){0,4}[A-Z][\w’'-]+"
)
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_AGE_AFTER = re.compile(r"\s*,\s*\d{1,3}\s*,")


@dataclass
class PersonIndex:
    """People an article has introduced, in reading order, for resolving later mentions."""

    people: list[Person] = field(default_factory=list)
    sentence_starts: tuple[int, ...] = ()

    def scan(self, text: str, begin: int, end: int) -> None:
        """Record names (with any role or title next to them) and person-like sentence subjects
        in text[begin:end]."""
        if end <= begin:
            return
        for m in _CAP_RUN.finditer(text, begin, end):
            start = m.start()
            mention = parse_mention(text, _role_start(text, start, begin), m.end())
            if mention is None or not mention.name or mention.kind != "person":
                continue
            evidence = mention.evidence or bool(_AGE_AFTER.match(text, m.end()))
            if len(mention.name.split()) < 2:
                known = self.by_surname(mention.name, m.end() + 1, touch_only=True)
                if known is not None:
                    known.last_seen = max(known.last_seen, m.start())
                    continue
                if not evidence:
                    continue  # a single capitalised word is too often a place or a sentence opener
            self.add(mention.name, mention.role, mention.begin, evidence=evidence)
        for m in _HANDLE.finditer(text, begin, end):
            self.add(m.group(), None, m.start(), evidence=True)
        i = bisect.bisect_left(self.sentence_starts, begin)
        while i < len(self.sentence_starts) and self.sentence_starts[i] < end:
            self._scan_subject(text, self.sentence_starts[i], end)
            i += 1

    def _scan_subject(self, text: str, start: int, limit: int) -> None:
        """A sentence opening with a described person ("A 104-year-old woman from Texas gave ...")."""
        toks = tokenize(text, start, min(limit, start + 160))
        if not toks or toks[0].low not in ("a", "an", "one"):
            return
        k = 1
        while k < len(toks) and toks[k].low not in _AUX and toks[k].text not in ",.;:!?\"“”" and not (
            toks[k].low.endswith("ed") and not toks[k].cap and k > 1
        ) and toks[k].low not in ("said", "says", "told", "who", "that", "which") and toks[k].low not in IRREGULAR_VERBS:
            k += 1
        if k < 2 or k > 9:
            return
        mention = parse_mention(text, toks[0].begin, toks[k - 1].end)
        if mention and mention.kind == "person" and not mention.name and mention.role:
            self.add(None, mention.role, start, evidence=True)

    def add(self, name: str | None, role: str | None, pos: int, kind: str = "person", evidence: bool = False) -> Person:
        if name:
            key = name.lower()
            for p in self.people:
                if p.name and (p.name.lower() == key or (len(name.split()) == 1 and p.surname == key)):
                    p.last_seen = max(p.last_seen, pos)
                    p.evidence = p.evidence or evidence
                    if role and not p.role:
                        p.role = role
                    if p.gender is None:
                        p.gender = gender_of(p.name, p.role)
                    return p
        p = Person(name, role, pos, pos, gender_of(name, role), kind, evidence)
        self.people.append(p)
        return p

    def by_surname(self, word: str, before: int, touch_only: bool = False) -> Person | None:
        w = word.lower()
        cands = [
            p
            for p in self.people
            if p.name and p.kind == "person" and p.first_seen < before and len(p.name.split()) > 1 and (p.surname == w or p.name.lower().endswith(" " + w) or p.name.split()[0].lower() == w)
        ]
        if not cands:
            return None
        # prefer a surname match over a first-name match, then the most recent
        return max(cands, key=lambda p: (p.surname == w, p.last_seen))

    def by_pronoun(self, pronoun: str, before: int) -> Person | None:
        want = {"he": "m", "she": "f"}.get(pronoun)
        cands = [
            p
            for p in self.people
            if p.kind == "person" and p.evidence and p.first_seen < before and (want is None or p.gender in (None, want))
        ]
        if not cands:
            return None
        # The most recent one; but a person whose gender is known to match, mentioned in the
        # last ~1500 characters, wins over a more recent one whose gender is unknown.
        if want:
            near = [p for p in cands if p.gender == want and before - p.last_seen <= PRONOUN_WINDOW]
            if near:
                return max(near, key=lambda p: p.last_seen)
        return max(cands, key=lambda p: min(p.last_seen, before))

    def by_it(self, before: int) -> Person | None:
        """"it said": the most recent organisation that spoke."""
        cands = [p for p in self.people if p.kind == "organisation" and p.first_seen < before and before - p.last_seen <= PRONOUN_WINDOW]
        return max(cands, key=lambda p: p.last_seen) if cands else None

    def by_role(self, role: str, before: int) -> Person | None:
        words = role_words(role)
        heads = [w for w in words if w in ROLE_NOUNS or w in TITLE_WORDS]
        if not heads:
            return None
        head = heads[-1]
        mods = {w for w in words if w not in ("the", "a", "an", "this", "of", "for", head)}
        best: tuple[int, int, Person] | None = None
        for p in self.people:
            if p.first_seen >= before or not p.role or not p.name:
                continue
            pw = role_words(p.role)
            if head not in pw:
                continue
            overlap = len(mods & set(pw))
            if mods and not overlap and len(mods) > 1:
                continue
            key = (overlap, p.last_seen)
            if best is None or key > best[:2]:
                best = (overlap, p.last_seen, p)
        return best[2] if best else None

    def touch(self, person: Person, pos: int) -> None:
        person.last_seen = max(person.last_seen, pos)


def _role_start(text: str, name_start: int, limit: int) -> int:
    """Start of role words right before a name ("defence chief" in "... defence chief Oleg B.")."""
    seg_start = max(limit, name_start - 60)
    seg = text[seg_start:name_start]
    cut = max(seg.rfind(c) for c in ",.;:!?\n“”\"(—–")
    if cut >= 0:
        seg_start += cut + 1
        seg = text[seg_start:name_start]
    words = list(re.finditer(r"[\w’'.-]+", seg))
    start = name_start
    for w in reversed(words):
        low = norm_role_word(w.group())
        if low in ROLE_NOUNS or low in TITLE_WORDS or (w.group()[:1].isupper() and low not in NOT_NAME_WORDS):
            start = seg_start + w.start()
            continue
        break
    return start


def resolve(mention: Mention, index: PersonIndex, pos: int) -> Speaker:
    """Turn a parsed mention into a Speaker, using the people introduced before `pos`.

    A named speaker is also added to the index (quoted people are persons), so later
    pronouns and surnames can refer back to them.
    """
    m = mention
    if m.pronoun:
        if m.pronoun in ("he", "she"):
            p = index.by_pronoun(m.pronoun, pos)
            if p:
                index.touch(p, pos)
                return Speaker(p.name, p.role, p.kind, m.text, m.begin, m.end, "pronoun")
        if m.pronoun == "it":
            p = index.by_it(pos)
            if p:
                index.touch(p, pos)
                return Speaker(p.name, p.role, p.kind, m.text, m.begin, m.end, "pronoun")
        return Speaker(None, None, m.kind, m.text, m.begin, m.end, "unresolved")
    if m.name and m.kind == "person":
        parts = m.name.split()
        if len(parts) == 1:
            p = index.by_surname(parts[-1], pos)
            if p:
                index.touch(p, pos)
                p.evidence = True
                return Speaker(p.name, m.role or p.role, "person", m.text, m.begin, m.end, "surname")
        p = index.add(m.name, m.role, m.begin, evidence=True)
        index.touch(p, pos)
        return Speaker(m.name, m.role or p.role, "person", m.text, m.begin, m.end, "mention")
    if m.kind == "organisation":
        index.add(m.name or m.role, None, m.begin, kind="organisation")
    if m.name:
        return Speaker(m.name, m.role, m.kind, m.text, m.begin, m.end, "mention")
    if m.role and m.definite_role and m.kind == "person":
        p = index.by_role(m.role, pos)
        if p:
            index.touch(p, pos)
            return Speaker(p.name, m.role, "person", m.text, m.begin, m.end, "role")
    if m.role and m.kind == "person" and not m.definite_role:
        # an indefinite description ("a local police spokesman") introduces someone that a
        # later "he" or "she" may refer to
        index.add(None, m.role, m.begin, evidence=True)
    return Speaker(None, m.role, m.kind, m.text, m.begin, m.end, "mention")
