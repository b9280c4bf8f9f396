"""Speakers: read who a speaker mention names, and resolve it within the article.

A mention is the noun phrase next to a speech verb ("Belokonev", "he", "the head of the
Belarusian Foreign Ministry", "Defence Minister John Smith"). `parse_mention` splits it into a
name and a role; `PersonIndex` holds the people the article introduced before a point, so
that a surname ("Belokonev"), a pronoun ("he") or a role ("the defence chief") can be resolved
to the person introduced earlier. No NER model: names are runs of capitalised words, which
fits news prose, and every resolution records how it was made so a reader can judge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import NOT_NAME_WORDS, ROLE_NOUNS, TITLE_WORDS

_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|Rev)\.(?=\s)"
    r"|[A-Z]\.(?:[A-Z]\.)+"  # U.S., U.N.
    r"|[A-Z]\.(?=\s[A-Z])"  # an initial: "J. Smith"
    r"|\w+(?:[’'-]\w+)*"
    r"|[^\w\s]"
)
_NAME_LINKS = frozenset("of de da del der van von bin al el la le di du y".split())
_FEMALE = frozenset(
    """spokeswoman chairwoman congresswoman businesswoman actress queen princess mother
    daughter wife sister mrs ms madam lady dame grandmother girl woman""".split()
)
_MALE = frozenset(
    """spokesman chairman congressman businessman actor king prince father son husband brother
    mr sir lord grandfather boy man""".split()
)
_ORG_WORDS = frozenset(
    """ministry department agency office party council committee government parliament
    house senate congress court university college school hospital police army navy force
    forces union news times post journal newspaper magazine press tv radio channel company
    corporation group bank foundation institute association organization organisation
    service services network reuters ap afp bbc cnn nato kremlin pentagon embassy
    commission administration authority authorities board bureau statement report study
    inc ltd corp club team center centre""".split()
)
PRONOUNS = frozenset("he she they i we it".split())


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
    w = word.lower().rstrip(".")
    return {"defense": "defence", "minister's": "minister", "chief's": "chief"}.get(w, w)


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to.

    name: the person's or organisation's name as best resolved in the article, else None.
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


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    if not t[:1].isupper():
        return False
    low = t.lower().rstrip(".")
    return low not in NOT_NAME_WORDS and low not in TITLE_WORDS


def parse_mention(text: str, begin: int, end: int) -> Mention | None:
    """Split the noun phrase text[begin:end] into name / role / pronoun.

    Handles "Belokonev", "Oleg Belokonev", "Belarus defense chief Oleg Belokonev",
    "US Secretary of State Mike Pompeo", "John Smith, the defence minister",
    "the head of the Belarusian Foreign Ministry", "a spokesman for the ministry", "he".
    """
    toks = [t for t in tokenize(text, begin, end)]
    while toks and not toks[0].text[:1].isalnum():
        toks.pop(0)
    while toks and not toks[-1].text[:1].isalnum() and toks[-1].text not in (".",):
        toks.pop()
    while toks and toks[-1].text == ".":
        toks.pop()
    if not toks or len(toks) > 25:
        return None
    b, e = toks[0].begin, toks[-1].end
    phrase = text[b:e]
    if len(toks) == 1 and toks[0].low in PRONOUNS:
        return Mention(phrase, b, e, None, None, toks[0].low, "person" if toks[0].low in ("he", "she", "i") else "unknown")
    # An appositive after a comma: "John Smith, the defence minister" / "the minister, John Smith"
    comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
    if comma is not None and 0 < comma < len(toks) - 1:
        left = parse_mention(text, toks[0].begin, toks[comma - 1].end)
        right = parse_mention(text, toks[comma + 1].begin, toks[-1].end)
        if left and right:
            if left.name and not right.name and right.role:
                return Mention(phrase, b, e, left.name, _join_roles(left.role, right.role), None, left.kind)
            if right.name and not left.name and left.role:
                return Mention(phrase, b, e, right.name, _join_roles(right.role, left.role), None, right.kind)
        if left:
            return Mention(phrase, b, e, left.name, left.role, left.pronoun, left.kind, left.definite_role)
        return right
    # Name = the last run of name-like capitalised tokens (with links such as "de", "bin").
    j = len(toks)
    while j > 0 and (_is_name_token(toks[j - 1]) or (toks[j - 1].low in _NAME_LINKS and j < len(toks) and j - 1 > 0 and _is_name_token(toks[j - 2]))):
        j -= 1
    name_toks = toks[j:]
    role_toks = toks[:j]
    first = toks[0].low
    org_like = any(t.low.rstrip(".") in _ORG_WORDS for t in toks)
    if name_toks and role_toks and all(t.cap or t.low in _NAME_LINKS for t in toks) and first in ("the",):
        # "The White House", "The Kremlin": a capitalised phrase after "the" is an organisation.
        return Mention(phrase, b, e, phrase, None, None, "organisation")
    if name_toks:
        name = text[name_toks[0].begin : name_toks[-1].end]
        if role_toks and role_toks[-1].low in ("of", "for", "at", "from", "with", "in"):
            # "a spokesman for Gazprom", "the head of Rosatom": the capitalised words are the
            # organisation inside a role, not the speaker's name.
            return Mention(phrase, b, e, None, phrase, None, "person", first == "the")
        if name_toks and len(name_toks) == 1 and name_toks[0].low.rstrip(".") in _ORG_WORDS or (org_like and not role_toks):
            return Mention(phrase, b, e, name, None, None, "organisation")
        role = text[role_toks[0].begin : role_toks[-1].end] if role_toks else None
        if role and role.lower() in ("mr", "mrs", "ms", "mr.", "mrs.", "ms.", "dr", "dr."):
            role = None
            name = phrase
        return Mention(phrase, b, e, name, role, None, "person")
    # No name: a role ("the head of ...", "a spokesman") or an organisation ("the ministry").
    heads = {norm_role_word(t.text) for t in toks}
    if heads & ROLE_NOUNS:
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
    return None


@dataclass
class Person:
    name: str
    role: str | None
    first_seen: int
    last_seen: int
    gender: str | None = None
    kind: str = "person"

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()


_CAP_RUN = re.compile(
    r"(?:(?:[A-Z][\w’'-]+|[A-Z]\.|(?:Mr|Mrs|Ms|Dr)\.?)\s+){0,4}[A-Z][\w’'-]+"
)
# Lower-case role words that may precede a name: "defense chief Oleg Belokonev".
_ROLE_BEFORE = re.compile(r"((?:[A-Za-z’'-]+\s+){0,5}?)$")


@dataclass
class PersonIndex:
    """People named in an article, in reading order, for resolving later mentions."""

    people: list[Person] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, until: int | None = None) -> "PersonIndex":
        idx = cls()
        idx.scan(text, 0, len(text) if until is None else until)
        return idx

    def scan(self, text: str, begin: int, end: int) -> None:
        """Record the multi-word names (and any role just before them) in text[begin:end]."""
        for m in _CAP_RUN.finditer(text, begin, end):
            start = m.start()
            mention = parse_mention(text, _role_start(text, start, begin), m.end())
            if mention is None or not mention.name or mention.kind != "person":
                continue
            if len(mention.name.split()) < 2 and not (mention.role and _has_title(mention.role)):
                continue  # a single capitalised word is too often a place or a sentence opener
            self.add(mention.name, mention.role, mention.begin)

    def add(self, name: str, role: str | None, pos: int, kind: str = "person") -> Person:
        key = name.lower()
        for p in self.people:
            if p.name.lower() == key or (len(name.split()) == 1 and p.surname == key):
                p.last_seen = max(p.last_seen, pos)
                if role and not p.role:
                    p.role = role
                return p
        p = Person(name, role, pos, pos, gender_of(name, role), kind)
        self.people.append(p)
        return p

    def by_surname(self, word: str, before: int) -> Person | None:
        w = word.lower()
        cands = [p for p in self.people if p.first_seen < before and len(p.name.split()) > 1 and (p.surname == w or p.name.lower().endswith(" " + w))]
        return max(cands, key=lambda p: p.last_seen) if cands else None

    def by_pronoun(self, pronoun: str, before: int) -> Person | None:
        want = {"he": "m", "she": "f"}.get(pronoun)
        cands = [p for p in self.people if p.kind == "person" and p.first_seen < before and (want is None or p.gender in (None, want))]
        return max(cands, key=lambda p: min(p.last_seen, before)) if cands else None

    def by_role(self, role: str, before: int) -> Person | None:
        words = [norm_role_word(w) for w in re.findall(r"[\w’'-]+", role)]
        heads = [w for w in words if w in ROLE_NOUNS]
        if not heads:
            return None
        head = heads[-1]
        mods = {w for w in words if w not in ("the", "a", "an", "this", "of", head)}
        best: tuple[int, int, Person] | None = None
        for p in self.people:
            if p.first_seen >= before or not p.role:
                continue
            pw = [norm_role_word(w) for w in re.findall(r"[\w’'-]+", p.role)]
            if head not in pw:
                continue
            overlap = len(mods & set(pw))
            if mods and not overlap:
                continue
            key = (overlap, p.last_seen)
            if best is None or key > best[:2]:
                best = (overlap, p.last_seen, p)
        return best[2] if best else None

    def touch(self, person: Person, pos: int) -> None:
        person.last_seen = max(person.last_seen, pos)


def _has_title(role: str) -> bool:
    return any(norm_role_word(w) in TITLE_WORDS or norm_role_word(w) in ROLE_NOUNS for w in role.split())


def _role_start(text: str, name_start: int, limit: int) -> int:
    """Start of lower-case role words right before a name ("defence chief" in "... defence chief Oleg B.")."""
    seg_start = max(limit, name_start - 60)
    seg = text[seg_start:name_start]
    # stop at punctuation, quote marks or line breaks
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
        if low in ("of", "for") and start < name_start:
            start = seg_start + w.start()
            continue
        break
    return start


def resolve(mention: Mention, index: PersonIndex, pos: int) -> Speaker:
    """Turn a parsed mention into a Speaker, using the people introduced before `pos`."""
    if mention.pronoun:
        if mention.pronoun in ("he", "she"):
            p = index.by_pronoun(mention.pronoun, pos)
            if p:
                index.touch(p, pos)
                return Speaker(p.name, p.role, p.kind, mention.text, mention.begin, mention.end, "pronoun")
        return Speaker(None, None, mention.kind, mention.text, mention.begin, mention.end, "unresolved")
    if mention.name and mention.kind == "person":
        if len(mention.name.split()) == 1 or mention.name.split()[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr"):
            p = index.by_surname(mention.name.split()[-1], pos)
            if p:
                index.touch(p, pos)
                return Speaker(p.name, mention.role or p.role, "person", mention.text, mention.begin, mention.end, "surname")
        p = index.add(mention.name, mention.role, mention.begin)
        index.touch(p, pos)
        return Speaker(mention.name, mention.role or p.role, "person", mention.text, mention.begin, mention.end, "mention")
    if mention.name:
        return Speaker(mention.name, mention.role, mention.kind, mention.text, mention.begin, mention.end, "mention")
    if mention.role and mention.definite_role:
        p = index.by_role(mention.role, pos)
        if p:
            index.touch(p, pos)
            return Speaker(p.name, mention.role, "person", mention.text, mention.begin, mention.end, "role")
    return Speaker(None, mention.role, mention.kind, mention.text, mention.begin, mention.end, "mention")
