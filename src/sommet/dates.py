"""Time expressions -> DateValue at the precision the text and the publication date allow.

`find_dates(text, lang, pub)` returns every time expression of `text` as a `DateMention`
with its kind:

- "absolute": a date that names its month or year ("le 4 novembre", "juillet 2000",
  "en 1986", "13/09/2023", "fin 2019").
- "relative": a date counted from publication ("hier", "ce soir", "mardi dernier",
  "la semaine prochaine", "l'an dernier", "dans la nuit de mardi à mercredi").
- "since" / "until": a date introduced by "depuis" / "jusqu'au" (the value is that date).
- "vague": a time that cannot be fixed ("il y a vingt ans", "dans les années 1990",
  "récemment", "deux jours après", "la veille"): value None.
- "duration", "age", "ordinal": numbers of time units that are not dates ("depuis
  plusieurs années", "en 24 ans", "âgé de 75 ans", "le 75e anniversaire"): value None.
  They are returned so that callers never read them as dates; an anniversary keeps the
  year it counts from in `origin` when the publication year is known.

Precision is never finer than what is certain:
- A day and month without a year take the publication year; a month more than two months
  after publication is last year's, unless the clause speaks of the future; "dernier" /
  "prochain" pick the occurrence before / after publication.
- A weekday, "hier", "ce soir" resolve to a day only when the publication date has a day
  (the most recent such day on or before it; the next one after "prochain" or in a clause
  about the future). Without a day, a full date of the text inside the publication month
  (or `anchor`) serves as the reference; else the publication month or year is returned.
- A week (or weekend) gives its month when it lies in one month, else its year, else None.

Linguistic knowledge lives in data/dates/<lang>.yml; patterns are compiled once per
language, on first use. dateparser is not needed: these patterns decide alone.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Callable

from .datafiles import read_yaml
from .models import DateValue

_DATA = "data/dates"


@dataclass(frozen=True)
class DateMention:
    """A time expression at text[start:end]; `value` is None when it fixes no date."""

    start: int
    end: int
    text: str
    value: DateValue | None
    kind: str
    origin: DateValue | None = None  # for anniversaries: the year counted from


# -- phrases to patterns -------------------------------------------------------------------

_ACCENTED = {"é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "ä": "a",
             "î": "i", "ï": "i", "ô": "o", "ö": "o", "ù": "u", "û": "u", "ü": "u", "ç": "c"}


def _phrase_re(phrase: str, strict: bool = False) -> str:
    """A phrase as a regex: any apostrophe, any run of spaces, and accents optional in
    words of four letters or more (unless `strict`: "à" must not match the verb "a")."""
    out = []
    for word in re.split(r"([\s'’‑-]+)", phrase.lower()):
        loose = not strict and len(word) >= 4
        out.extend(_char_re(ch, loose) for ch in word)
    return "".join(out)


def _char_re(ch: str, loose: bool) -> str:
    if ch in _ACCENTED and loose:
        return f"[{ch}{_ACCENTED[ch]}]"
    if ch in "'’":
        return "['’]"
    if ch.isspace():
        return r"\s+"
    return "[-‑]" if ch in "-‑" else re.escape(ch)


def _alt(phrases, glue: bool = False, strict: bool = False) -> str:
    """Alternation of phrases, longest first; with `glue`, each takes its following space."""
    parts = []
    for p in sorted(set(map(str, phrases)), key=len, reverse=True):
        body = _phrase_re(p, strict)
        if glue:
            body += r"\s*" if p[-1] in "'’-" else r"\s+"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _norm(text: str) -> str:
    """Lower case, no accents, plain apostrophes and hyphens, single spaces."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("‑", "-"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace(".", "").split())


# -- the grammar of one language -----------------------------------------------------------

class _Grammar:
    """Word tables and the compiled pattern of one language, built from its YAML file."""

    def __init__(self, data: dict) -> None:
        self.months = _table(data["months"])
        self.weekdays = _table(data["weekdays"])
        self.units = {_norm(w): u for u, ws in data["units"].items() for w in ws}
        self.numbers = {_norm(k): int(v) for k, v in data["numbers"].items()}
        self.day_offsets = _table(data["relative_days"])
        self.periods = {_norm(p): (unit, int(k)) for unit, by_k in data["relative_periods"].items()
                        for k, ps in by_k.items() for p in ps}
        self.last = {_norm(w) for w in data["last"]}
        self.next = {_norm(w) for w in data["next"]}
        leads = data["leads"]
        self.since = {_norm(w) for w in leads["since"]}
        self.until = {_norm(w) for w in leads["until"]}
        self.year_leads = {_norm(w) for w in leads["year"]} | self.since | self.until
        self.month_leads = {_norm(w) for w in leads["month"]} | self.since | self.until
        self.day_leads = {_norm(w) for w in leads.get("day", [])} | self.since | self.until
        self.mdy = data.get("numeric_order", "dmy") == "mdy"
        # Matched against lower-cased text: without IGNORECASE, the regex engine skips
        # alternatives on their first character, which makes it several times faster.
        self.pattern = re.compile(_build_pattern(data))
        self.triggers = _trigger_words(data)
        self.future = _future_re(data)
        self.publication = _cue_re(data["publication_cues"])
        self.update = _cue_re(data["update_cues"])


def _trigger_words(data: dict) -> frozenset[str]:
    """Words one of which every time expression holds (with digits): the longest word of
    each month, weekday, unit, relative and vague phrase, with and without accents."""
    phrases = [w for key in ("months", "weekdays", "relative_days", "units")
               for ws in data[key].values() for w in ws]
    phrases += [p for by_k in data["relative_periods"].values() for ps in by_k.values() for p in ps]
    phrases += data["vague"]
    words = {max(re.findall(r"\w+", str(p).lower()), key=len) for p in phrases}
    return frozenset(words | {_norm(w) for w in words})


def _cue_re(cues: list[str]) -> re.Pattern:
    return re.compile(rf"(?<!\w){_alt(cues)}\s*[:,]?\s*", re.IGNORECASE)


def _table(spec: dict) -> dict[str, int]:
    """{number: [words]} -> {normalised word: number}."""
    return {_norm(str(w)): int(k) for k, words in spec.items() for w in words}


def _future_re(data: dict) -> re.Pattern:
    """Future cues (any case), and lower-case words with a future-tense ending."""
    alts = [f"(?i:{_alt(data['future_cues'], strict=True)})"]
    endings = sorted(map(re.escape, data.get("future_endings") or []), key=len, reverse=True)
    if endings:
        alts.append(f"[a-zà-ÿ]{{2,}}(?:{'|'.join(endings)})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")


def _build_pattern(data: dict) -> str:
    """One alternation of every kind of time expression, most specific first."""
    full = [ws[0] for ws in data["months"].values()]
    short = [w for ws in data["months"].values() for w in ws[1:]]
    M = rf"(?:{_alt(full)}(?!\w)|{_alt(short)}(?!\w)\.?)"
    W = _alt([w for ws in data["weekdays"].values() for w in ws])
    sfx = _alt(data["day_suffixes"])
    D = rf"(?:3[01]|[12]\d|0?[1-9])(?:{sfx})?(?!\d)"
    Y = r"(?:1\d|20)\d\d(?!\d)"
    REL = _alt(data["last"] + data["next"])
    PART = _alt(data["day_parts"])
    rng = _alt(data["day_range_words"])
    num = _alt(list(data["numbers"]) + data["quantities"])
    NUM = rf"(?:\d+|{num}(?:[-\s]+(?:et[-\s]+)?{num})*)"
    UNIT = _alt([w for ws in data["units"].values() for w in ws])
    night = data["night"]
    ni_from, ni_to = _alt(night["from"]), _alt(night["to"])
    osfx = _alt(data["ordinal_suffixes"])
    vague = [_alt(data["vague"])] + [p.format(year=Y) for p in data.get("vague_patterns", [])]
    ages = "|".join(p.format(num=NUM) for p in data.get("age_patterns", []))
    ago = [rf"{_alt(data['ago_before'])}\s+(?P<ago_n>{NUM})\s+(?P<ago_u>{UNIT})"]
    if data.get("ago_after"):
        ago.append(rf"(?P<ago_n2>{NUM})\s+(?P<ago_u2>{UNIT})\s+{_alt(data['ago_after'])}")
    cores = {
        "iso": rf"(?P<iso_y>{Y})-(?P<iso_m>[01]?\d)-(?P<iso_d>[0-3]?\d)(?!\d)",
        "num": rf"(?P<num_a>[0-3]?\d)[/.](?P<num_b>[0-3]?\d)[/.](?P<num_y>{Y}|\d\d(?![/.]?\d))",
        "night": rf"{_alt(night['lead'])}\s+{ni_from}\s+(?:{W}\s+)?(?:{D}\s+)?{ni_to}\s+"
                 rf"(?:(?P<ni_w>{W})(?:\s+(?P<ni_d>{D})\s+(?P<ni_m>{M})(?:\s+(?P<ni_y>{Y}))?)?"
                 rf"|(?P<ni_d2>{D})\s+(?P<ni_m2>{M})(?:\s+(?P<ni_y2>{Y}))?)",
        "dmy": rf"(?:(?P<dmy_w>{W}),?\s+)?(?P<dmy_d>{D})(?:\s*(?:{rng}|-)\s*(?:{W}\s+)?{D})?"
               rf"\s+(?P<dmy_m>{M})(?:\s+(?P<dmy_y>{Y}))?(?:\s+(?P<dmy_r>{REL})(?!\w))?",
        "mdy": rf"(?:(?P<mdy_w>{W}),?\s+)?(?P<mdy_m>{M})\s+(?P<mdy_d>{D})"
               rf"(?:,?\s+(?P<mdy_y>{Y}))?" if data.get("month_first") else "(?!)",
        "my": rf"(?P<my_m>{M})\s+(?:of\s+)?(?P<my_y>{Y})",
        "ago": "|".join(ago),
        "later": rf"{NUM}\s+{UNIT}\s+{_alt(data['later_after'])}",
        "age": ages or "(?!)",
        "ordinal": rf"(?P<ord_n>\d{{1,3}})(?:{osfx})\s+{_alt(data['anniversary'])}",
        "century": rf"(?:[ivxl]+|\d{{1,2}})(?:{osfx})\s+{_alt(data['century'])}",
        "vague": "|".join(vague),
        "period": rf"(?P<per_p>{_alt(p for by_k in data['relative_periods'].values() for ps in by_k.values() for p in ps)})",
        "dayrel": rf"(?P<dr_d>{_alt(w for ws in data['relative_days'].values() for w in ws)})(?![-‑]\w)"
                  rf"(?:\s+(?P<dr_w>{W}))?(?:\s+{PART})?",
        "wd": rf"(?:(?P<wd_pre>{REL})\s+)?(?P<wd_w>{W})(?:\s+{PART})?(?:\s+(?P<wd_r>{REL}))?",
        "mo": rf"(?P<mo_m>{M})(?:\s+(?P<mo_r>{REL}))?",
        "dur": rf"(?P<dur_n>{NUM})\s+(?P<dur_u>{UNIT})",
        "yr": rf"(?P<yr_y>{Y})",
        "dm": r"(?P<dm_a>[0-3]?\d)/(?P<dm_b>[01]?\d)(?![/\d])",
    }
    body = "|".join(f"(?P<{name}>{rx})" for name, rx in cores.items())
    lead = _alt([w for ws in data["leads"].values() for w in ws], glue=True)
    qual = _alt(data["qualifiers"], glue=True)
    return rf"(?<!\w)(?P<lead>{lead})?(?P<qual>{qual})?(?:{body})(?!\w)"


@lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar:
    path = resources.files("sommet").joinpath(_DATA, f"{lang}.yml")
    if not path.is_file():
        raise ValueError(f"no date expressions for language {lang!r}: add {_DATA}/{lang}.yml")
    return _Grammar(read_yaml(str(path)))


def date_languages() -> list[str]:
    """Languages that have a data/dates/<lang>.yml file."""
    folder = resources.files("sommet").joinpath(_DATA)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml"))


# -- resolution ----------------------------------------------------------------------------

@dataclass
class _Context:
    """What resolving a match needs: the text, the grammar and the reference dates."""

    text: str
    g: _Grammar
    pub: DateValue | None
    anchor: DateValue | None = None

    def future(self, m: re.Match) -> bool:
        """Does the clause around the match speak of the future?"""
        s, e = m.start(), m.end()
        lo = max(self.text.rfind(c, max(0, s - 60), s) for c in ".!?\n;") + 1
        hi = min((i for i in (self.text.find(c, e, e + 40) for c in ".!?\n;") if i >= 0),
                 default=min(len(self.text), e + 40))
        window = self.text[max(lo, s - 60):s] + " " + self.text[e:hi]
        return bool(self.g.future.search(window))

    def rel(self, word: str | None) -> str | None:
        w = _norm(word or "")
        return "last" if w in self.g.last else "next" if w in self.g.next else None

    def lead(self, m: re.Match) -> str:
        return _norm(m.group("lead") or "")


_Result = tuple[DateValue | None, str] | tuple[DateValue | None, str, DateValue | None] | None


def _day(year: int | None, month: int, day: int) -> DateValue | None:
    """A day date, or None when the year is unknown or the day does not exist."""
    if year is None or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return DateValue.of(year, month, day)


def _as_date(v: DateValue | None) -> date | None:
    return date(v.year, v.month, v.day) if v is not None and v.day else None


def _from_date(d: date) -> DateValue:
    return DateValue.of(d.year, d.month, d.day)


def _cover(lo: date, hi: date) -> DateValue | None:
    """The finest DateValue holding every day from lo to hi."""
    if lo == hi:
        return _from_date(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return DateValue.of(lo.year, lo.month)
    return DateValue.of(lo.year) if lo.year == hi.year else None


def _year_for(month: int, day: int | None, rel: str | None, future: bool,
              pub: DateValue | None) -> int | None:
    """The year of a day or month written without one, from the publication date."""
    if pub is None or pub.month is None:
        return pub.year if pub else None
    if rel is not None:
        return pub.year + _step(month, day, pub, rel)
    if future:
        return pub.year + 1 if pub.month - month >= 3 else pub.year
    return pub.year - 1 if month - pub.month > 2 else pub.year


def _step(month: int, day: int | None, pub: DateValue, rel: str) -> int:
    """0 when the last (or next) such month or day is in the publication year, else -1 (+1)."""
    sign = 1 if rel == "next" else -1
    if month != pub.month:
        return 0 if (month - pub.month) * sign > 0 else sign
    if day is None:
        return sign
    if pub.day is None:
        return 0
    return 0 if (day - pub.day) * sign > 0 else sign


def _weekday(wd: int, rel: str | None, future: bool, ctx: _Context) -> DateValue | None:
    """The date of a weekday: against a day-precise publication date or anchor, else
    the publication date at its own precision."""
    base = _as_date(ctx.pub) or _as_date(ctx.anchor)
    if base is None:
        return ctx.pub
    if rel == "last":
        return _from_date(base - timedelta((base.weekday() - wd) % 7 or 7))
    if rel == "next":
        return _from_date(base + timedelta((wd - base.weekday()) % 7 or 7))
    if future:
        return _from_date(base + timedelta((wd - base.weekday()) % 7))
    return _from_date(base - timedelta((base.weekday() - wd) % 7))


def _period(unit: str, k: int, pub: DateValue | None) -> DateValue | None:
    """A week, weekend, month or year counted k steps from publication."""
    if pub is None:
        return None
    if unit == "year":
        return DateValue.of(pub.year + k)
    if unit == "month":
        if pub.month is None:
            return pub if k == 0 else None
        y, m = divmod(pub.year * 12 + pub.month - 1 + k, 12)
        return DateValue.of(y, m + 1)
    if pub.day is None and k == 0:
        return pub
    if pub.month is None:
        return None
    first = date(pub.year, pub.month, pub.day or 1)
    last = date(pub.year, pub.month, pub.day or calendar.monthrange(pub.year, pub.month)[1])
    start = 5 if unit == "weekend" else 0
    lo = first - timedelta(first.weekday()) + timedelta(7 * k + start)
    hi = last - timedelta(last.weekday()) + timedelta(7 * k + 6)
    return _cover(lo, hi)


def _number(text: str, g: _Grammar) -> int | None:
    """A number in figures or words ("3", "vingt-cinq"); None for "plusieurs"."""
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[-\s]+", _norm(text)) if w != "et"]
    if not words or any(w not in g.numbers for w in words):
        return None
    return sum(g.numbers[w] for w in words)


def _unit(text: str, g: _Grammar) -> str | None:
    return g.units.get(_norm(text))


# -- one resolver per kind of expression ---------------------------------------------------

def _dmy(m: re.Match, c: _Context, p: str = "dmy") -> _Result:
    month, day = c.g.months[_norm(m.group(f"{p}_m"))], int(re.match(r"\d+", m.group(f"{p}_d"))[0])
    year = m.group(f"{p}_y")
    if year:
        return _day(int(year), month, day), "absolute"
    rel = c.rel(m.groupdict().get(f"{p}_r"))
    y = _year_for(month, day, rel, rel is None and c.future(m), c.pub)
    weekday = m.groupdict().get(f"{p}_w")
    if y is not None and weekday:
        y = _year_of_weekday(y, month, day, c.g.weekdays[_norm(weekday)])
    return _day(y, month, day), "absolute"


def _year_of_weekday(year: int, month: int, day: int, wd: int) -> int:
    """The year, among `year` and its neighbours, in which that day falls on weekday `wd`."""
    for y in (year, year - 1, year + 1):
        if _day(y, month, day) and date(y, month, day).weekday() == wd:
            return y
    return year


def _numeric(m: re.Match, c: _Context) -> _Result:
    a, b, y = int(m.group("num_a")), int(m.group("num_b")), m.group("num_y")
    day, month = (b, a) if c.g.mdy else (a, b)
    if month > 12:
        day, month = month, day
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 70 else 1900 + int(y))
    return _day(year, month, day), "absolute"


def _day_month_figures(m: re.Match, c: _Context) -> _Result:
    if c.lead(m) not in c.g.day_leads:
        return None
    a, b = int(m.group("dm_a")), int(m.group("dm_b"))
    day, month = (b, a) if c.g.mdy else (a, b)
    if not 1 <= month <= 12:
        return None
    return _day(_year_for(month, day, None, c.future(m), c.pub), month, day), "absolute"


def _night(m: re.Match, c: _Context) -> _Result:
    if m.group("ni_d2"):
        return _night_day(m, c), "absolute"
    if m.group("ni_d"):
        return _dmy(m, c, "ni")[0], "absolute"
    wd = c.g.weekdays[_norm(m.group("ni_w"))]
    return _weekday(wd, None, c.future(m), c), "relative"


def _night_day(m: re.Match, c: _Context) -> DateValue | None:
    month, day = c.g.months[_norm(m.group("ni_m2"))], int(re.match(r"\d+", m.group("ni_d2"))[0])
    y = m.group("ni_y2")
    return _day(int(y) if y else _year_for(month, day, None, c.future(m), c.pub), month, day)


def _month_year(m: re.Match, c: _Context) -> _Result:
    return DateValue.of(int(m.group("my_y")), c.g.months[_norm(m.group("my_m"))]), "absolute"


def _month(m: re.Match, c: _Context) -> _Result:
    rel = c.rel(m.group("mo_r"))
    if not (rel or m.group("qual") or c.lead(m) in c.g.month_leads):
        return None
    month = c.g.months[_norm(m.group("mo_m"))]
    year = _year_for(month, None, rel, rel is None and c.future(m), c.pub)
    return (DateValue.of(year, month) if year else None), "absolute"


def _year(m: re.Match, c: _Context) -> _Result:
    if not (m.group("qual") or c.lead(m) in c.g.year_leads):
        return None
    return DateValue.of(int(m.group("yr_y"))), "absolute"


def _ago(m: re.Match, c: _Context) -> _Result:
    n = _number(m.group("ago_n") or m.group("ago_n2"), c.g)
    unit = _unit(m.group("ago_u") or m.group("ago_u2"), c.g)
    if unit != "day" or n is None or c.pub is None:
        return None, "vague"
    base = _as_date(c.pub)
    return (_from_date(base - timedelta(n)) if base else c.pub), "relative"


def _ordinal(m: re.Match, c: _Context) -> _Result:
    origin = DateValue.of(c.pub.year - int(m.group("ord_n"))) if c.pub else None
    return None, "ordinal", origin


def _period_phrase(m: re.Match, c: _Context) -> _Result:
    unit, k = c.g.periods[_norm(m.group("per_p"))]
    return _period(unit, k, c.pub), "relative"


def _relative_day(m: re.Match, c: _Context) -> _Result:
    base = _as_date(c.pub)
    if base is None:
        return c.pub, "relative"
    return _from_date(base + timedelta(c.g.day_offsets[_norm(m.group("dr_d"))])), "relative"


def _weekday_phrase(m: re.Match, c: _Context) -> _Result:
    rel = c.rel(m.group("wd_r")) or c.rel(m.group("wd_pre"))
    wd = c.g.weekdays[_norm(m.group("wd_w"))]
    return _weekday(wd, rel, rel is None and c.future(m), c), "relative"


def _const(kind: str) -> Callable[[re.Match, _Context], _Result]:
    return lambda m, c: (None, kind)


_RESOLVERS: dict[str, Callable[[re.Match, _Context], _Result]] = {
    "iso": lambda m, c: (_day(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])), "absolute"),
    "num": _numeric, "dm": _day_month_figures, "night": _night, "dmy": _dmy,
    "mdy": lambda m, c: _dmy(m, c, "mdy"), "my": _month_year, "mo": _month, "yr": _year,
    "ago": _ago, "later": _const("vague"), "age": _const("age"), "ordinal": _ordinal,
    "century": _const("vague"), "vague": _const("vague"), "period": _period_phrase,
    "dayrel": _relative_day, "wd": _weekday_phrase, "dur": _const("duration"),
}


def _resolve(m: re.Match, c: _Context) -> DateMention | None:
    result = _RESOLVERS[m.lastgroup](m, c)
    if result is None:
        return None
    value, kind, *origin = result
    if kind in ("absolute", "relative"):
        lead = c.lead(m)
        kind = "since" if lead in c.g.since else "until" if lead in c.g.until else kind
    text = c.text[m.start():m.end()]
    start = m.start() + len(text) - len(text.lstrip())
    text = text.strip()
    return DateMention(start, start + len(text), text, value, kind, origin[0] if origin else None)


_DAY_CORES = ("dmy", "mdy", "num", "iso")


def _auto_anchor(matches: list[re.Match], c: _Context) -> DateValue | None:
    """A full date of the text that can stand for "today" when the publication date has no
    day: the first one inside the publication month, or with a weekday when pub is unknown."""
    for m in matches:
        if m.lastgroup not in _DAY_CORES:
            continue
        value = _RESOLVERS[m.lastgroup](m, c)[0]
        if value is None or value.day is None:
            continue
        if c.pub is not None and value.value.startswith(c.pub.value):
            return value
        if c.pub is None and m.groupdict().get(f"{m.lastgroup}_w"):
            return value
    return None


def find_dates(text: str, lang: str, pub: DateValue | None,
               anchor: DateValue | None = None) -> list[DateMention]:
    """Every time expression of `text`, in order, resolved against the publication date
    `pub` (and `anchor`, a full date standing for the day of the news, for weekdays)."""
    c = _Context(text, _grammar(lang), pub, anchor)
    matches = _scan(text, c.g)
    if anchor is None and (pub is None or pub.day is None):
        c.anchor = _auto_anchor(matches, c)
    return [d for d in (_resolve(m, c) for m in matches) if d is not None]


_WORD = re.compile(r"\w+")
_REACH = 60  # characters a match may extend before or after one of its trigger words


def _scan(text: str, g: _Grammar) -> list[re.Match]:
    """The pattern's matches (on the lower-cased text), sought only around trigger words:
    the full pattern is costly to try at every word."""
    low, matches = _lower(text), []
    for lo, hi in _windows(low, g.triggers):
        for m in g.pattern.finditer(low, lo, hi):
            if not matches or m.start() >= matches[-1].end():
                matches.append(m)
    return matches


def _lower(text: str) -> str:
    """Lower case with the same offsets (a character whose lower case is longer is kept)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _windows(text: str, triggers: frozenset[str]) -> list[tuple[int, int]]:
    """Merged spans of (lower-cased) text around words that may belong to a time expression."""
    spans: list[tuple[int, int]] = []
    for w in _WORD.finditer(text):
        word = w.group()
        if word[0].isdigit() or word in triggers:
            lo, hi = max(0, w.start() - _REACH), w.end() + _REACH
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return spans


_CLOCK = re.compile(r"[\s,]*(?:\w{1,2}\s+)?\d{1,2}\s*[:hH]\s*\d\d(?::\d\d)?\w*\s*")
_SEPARATOR = re.compile(r"[\[(|•·—–-]?\s*$")


def publication_date_in_text(text: str, lang: str, head: int = 400) -> DateValue | None:
    """The publication date written near the top of a page: after a publication cue
    ("Publié le ..."), else a dateline ("24/02/2022 | ..."), else after an update cue
    ("Mis à jour le ..."); the first of its rank. None when there is none."""
    g, top = _grammar(lang), text[:head]
    c = _Context(top, g, None)
    found: list[tuple[int, int, DateValue]] = []
    for rank, cues in ((0, g.publication), (2, g.update)):
        for cue in cues.finditer(top):
            m = g.pattern.match(_lower(top), cue.end())
            mention = _resolve(m, c) if m else None
            if mention and mention.value and mention.kind == "absolute":
                found.append((rank, cue.start(), mention.value))
    for m in _scan(top, g):
        if m.lastgroup in _DAY_CORES and not m.group("lead") and _is_dateline(top, m):
            value = _RESOLVERS[m.lastgroup](m, c)[0]
            if value is not None:
                found.append((1, m.start(), value))
    return min(found, key=lambda f: f[:2])[2] if found else None


def _is_dateline(top: str, m: re.Match) -> bool:
    """A date in figures that opens a line or follows a separator ("24/02/2022 | ...",
    "AFP • 21/06/2023 à 18:04"), or a date in words alone on its line (with its time)."""
    before = top[top.rfind("\n", 0, m.start()) + 1:m.start()]
    clock = _CLOCK.match(top, m.end())
    end = clock.end() if clock else m.end()
    after = top[end:top.find("\n", end) if "\n" in top[end:] else len(top)]
    if m.lastgroup in ("num", "iso"):
        return bool(_SEPARATOR.match(before) or clock)
    return not before.strip() and not after.strip(" |•·—–-[]()")
