"""Clean text from scraped pages: drop the noise a page carries, keep the article.

``clean_text`` runs on every document before it is hashed and coded, so it is regex only.
It works line by line and keeps the line and paragraph structure of its input.

Heuristics, in order (each documented where it is defined):

1. Characters: NFC, HTML entities left by scrapers decoded, control and zero-width
   characters removed, every kind of space folded to one space. Curly quotes are kept.
2. Noise lines (``is_noise_line``): navigation and breadcrumbs, cookie and consent notices,
   share / subscribe / "read more" prompts, bylines and agency credits, copyright lines,
   photo credits, bare time stamps and lines without a letter. Every rule has a length cap,
   so a long paragraph is never dropped for a phrase it happens to contain.
3. SEO link lists: a run of 3 or more short title-case lines without sentence punctuation
   (blank and noise lines between them do not break the run). Inside such a run a line is
   kept only if it reads as a headline: it contains a verb form (``headline_verbs.txt``:
   past tense, third person, an auxiliary, a base form after "to", a modal or a plural
   subject) or one of its words is a name in the rest of the article (a capitalised word
   not opening a sentence: "Hotels in Tehran" under an article that names Tehran).
   Celebrity, hotel and product names have neither and are dropped. Sentence-case link
   lists are not recognised; they are rare, and a false drop would lose article text.
4. Hard-wrapped wire copy: a line that finishes a sentence the previous long line left open
   ("...four dlrs a" / "share.") is never dropped as noise.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import ftfy

_VERB_FILE = Path(__file__).resolve().parents[1] / "data" / "text" / "headline_verbs.txt"

# Zero-width and format characters scrapers leave behind; ZWNJ/ZWJ stay (Persian, Arabic).
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\u180e]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[.!?][\"”’)]*\s+[A-Z“\"]")

_SHORT, _MEDIUM, _LONG = 150, 200, 600


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Prompts and widgets that open a line (capped at _SHORT characters). Words that also open
# news sentences ("Share prices fell", "Follow the money") only match in their widget form.
_END = r"(?:\s*[:|]|\s*$)"
_PROMPT = _rx(
    r"^[\W_]*(?:"
    rf"share(?:\s+(?:this|on|via|article|story|page)\b|{_END})|tweet(?:\s+(?:this|it)\b|{_END})"
    rf"|print(?:\s+(?:this|article|page|story)\b|{_END})|e-?mail(?:\s+(?:this|to\s+a\s+friend)\b|{_END})"
    r"|copy\s+link|follow\s+(?:us\b|@|\S+\s+on\s+(?:twitter|x|facebook|instagram|telegram)\b)|subscribe\b"
    rf"|sign\s+(?:up|in)\b|log\s*(?:in|out)\b|register(?:\s+(?:now|here|for\s+free)\b|{_END})"
    r"|read\s+(?:more|next|the\s+full|also)\b|continue\s+reading|see\s+also\b|more\s+on\s+this\b|more\s+on\s+[^.]{1,40}$"
    rf"|more\s+(?:stories|from\s+(?:us|our|this\s+(?:author|section)))\b|you\s+(?:may|might)\s+also"
    rf"|related(?:\s+(?:articles?|stories|story|coverage|content|topics|links|news|posts)\b|{_END})"
    rf"|recommended(?:\s+(?:for\s+you|articles?|stories|reading|videos?)\b|{_END})"
    rf"|trending(?:\s+(?:now|stories|news|topics)\b|{_END})|sponsored(?:\s+(?:content|links?|stories|by)\b|{_END})"
    rf"|advertisement{_END}|most\s+(?:read|popular|viewed|shared)\b|top\s+stories\b|skip\s+to\b|jump\s+to\b"
    rf"|(?:popular|trending)\s+(?:searches|now|today|stories|topics)\b|people\s+also\s+(?:search|read|viewed|watched)\b"
    r"|back\s+to\s+top|click\s+here|tap\s+here|listen\s+to\s+this|download\s+(?:the|our)\s+app|get\s+the\s+(?:app|latest)\b"
    rf"|watch(?:\s+(?:live|now|video)\b|{_END})|video\s*:|comments?\s*(?:\(\d+\))?\s*$|leave\s+a\s+comment"
    rf"|tags?\s*:|topics?\s*:|filed\s+under\b|newsletters?{_END}|image\s+(?:source|caption|copyright)\b"
    rf"|media\s+caption\b|story\s+continues\b|loading(?:\.{{3}}|…|{_END})|(?:menu|search|home|close){_END}"
    r"|next\s+article|previous\s+article|the\s+post\s+.{1,160}\s+appeared\s+first\s+on\b)"
)
# A line made only of social-network and UI words ("Facebook Twitter WhatsApp Email").
_UI_WORDS = frozenset(
    "facebook twitter x whatsapp linkedin email e-mail reddit telegram pinterest messenger copy link print share "
    "home news world politics business sport sports culture opinion lifestyle video videos podcasts podcast menu "
    "search more login subscribe newsletters weather tech technology science health travel entertainment "
    "sections live audio photos galleries markets economy".split()
)
_AGENCIES = frozenset("reuters reuter afp ap associated press agencies agency staff and agence france-presse dpa xinhua tass ians pti upi bloomberg".split())
_COOKIE = _rx(r"\bcookies?\b")
_CONSENT = _rx(
    r"\bwe\s+use\b|\b(?:this|our)\s+(?:web)?site\s+uses\b|\byou\s+(?:agree|consent|accept)|\baccept\s+(?:all\s+)?cookies"
    r"|\bcookie\s+(?:policy|settings|preferences|notice)|\bmanage\s+(?:consent|preferences)"
)
_PRIVACY = _rx(r"^(?:privacy\s+(?:policy|settings|notice)|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|accept(?:\s+all)?|i\s+agree|reject\s+all|manage\s+(?:consent|preferences|cookies))\b")
_COPYRIGHT = _rx(r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball\s+rights\s+reserved\b")
_CREDIT = _rx(r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|edited|written)(?:\s+\S+){0,2}\s+by\s+\w")
_BYLINE = re.compile(r"^(?:By|BY|Words\s+by|Written\s+by)\s+(.+)$")
_BYLINE_LOWER = frozenset("and in for of at the correspondent editor reporter writer staff news agency agencies contributor chief senior diplomatic security political foreign defence defense international affairs analyst".split())
_PHOTO = _rx(r"^(?:photo|photograph|image|picture|file\s+photo|illustration)(?:\s+(?:source|caption|credit))?\s*[:,]|(?:photograph|photo|image|picture)\s*:\s*[^.]{1,100}$|\bgetty\s+images\s*$")
_STAMP = _rx(r"^(?:published|updated|last\s+(?:updated|modified)|first\s+published|posted)\b[\s:]*(?:on\b|at\b)?")
_DATE_WORDS = _rx(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gmt|utc|bst|est|edt|cet|cest|am|pm|local\s+time)\b\.?"
    r"|[ap]\.m\.|[\d:.,/+-]+"
)
_NAV_SEPARATOR = re.compile(r"\s[|•·»›>/]\s|\s*[|•·»›]\s*")


def is_noise_line(line: str) -> bool:
    """True when a line is page furniture rather than article text.

    Covers navigation and breadcrumbs, cookie and consent notices, share / subscribe /
    "read more" prompts, bylines and agency credits, copyright and photo-credit lines,
    time stamps and lines without a letter. Long lines are never noise by phrase alone:
    every rule is capped (150 characters for prompts, 200 for credits, 600 for consent).
    """
    line = line.strip()
    if not line:
        return False
    if not any(ch.isalpha() for ch in line):
        return True
    size = len(line)
    if size <= _SHORT and (_PROMPT.match(line) or _PRIVACY.match(line) or _is_byline(line) or _is_ui_row(line)):
        return True
    if size <= _MEDIUM and (_COPYRIGHT.search(line) or _CREDIT.match(line) or _PHOTO.search(line)):
        return True
    if size <= _SHORT and (_is_stamp(line) or _is_breadcrumb(line)):
        return True
    return size <= _LONG and bool(_COOKIE.search(line)) and bool(_CONSENT.search(line))


def _is_byline(line: str) -> bool:
    """"By Jane Doe", "By Jane Doe and Sam Roe, Middle East correspondent", "Reuters"."""
    words = _WORD.findall(line)
    if words and len(words) <= 4 and all(w.lower() in _AGENCIES for w in words):
        return True
    match = _BYLINE.match(line)
    if not match:
        return False
    names = _WORD.findall(match.group(1))
    return 0 < len(names) <= 10 and all(w[0].isupper() or w.lower() in _BYLINE_LOWER for w in names)


def _is_ui_row(line: str) -> bool:
    words = [w.lower() for w in _WORD.findall(line)]
    return 0 < len(words) <= 12 and all(w in _UI_WORDS for w in words)


def _is_stamp(line: str) -> bool:
    """A date and time, maybe after "Published"/"Updated" ("Updated: Tue 24 Feb 2022 10.31 GMT")."""
    prefix = _STAMP.match(line)
    rest = line[prefix.end():] if prefix else line
    return len(rest) <= 60 and not re.search(r"[^\W\d_]", _DATE_WORDS.sub("", rest))


def _is_breadcrumb(line: str) -> bool:
    """"Home › World › Middle East": 3+ short items between separators, no sentence."""
    parts = [p for p in _NAV_SEPARATOR.split(line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts) and not _SENTENCE_END.search(line)


def normalise_characters(text: str) -> str:
    """Mojibake repaired, NFC, decoded stray entities, no control or zero-width characters, one kind of space.

    Text that went through UTF-8 read as Latin-1 ("Iranâ\x80\x99s") is common in news dumps and
    hides names from the dictionary; ftfy undoes it, and leaves text that is not mojibake alone.
    It must run before control characters go, since "\x80" and "\x99" are part of the damage.
    """
    if not text.isascii():
        text = ftfy.fix_encoding(text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """The article text of a scraped page: noise lines and SEO link lists removed.

    Lines are kept in order with their breaks; runs of blank lines fold to one blank line.

    Args:
        text: raw text (a scraped page's text, a feed entry, a plain-text file).
    Returns:
        The cleaned text; "" when nothing but noise was left.
    """
    lines = [_SPACES.sub(" ", line).strip() for line in normalise_characters(text).split("\n")]
    keep: list[bool] = []
    for i, line in enumerate(lines):
        wrapped = i > 0 and keep[i - 1] and _continues(lines[i - 1], line)
        keep.append(bool(line) and (wrapped or not is_noise_line(line)))
    _drop_link_lists(lines, keep)
    out: list[str] = []
    for line, kept in zip(lines, keep):
        if kept:
            out.append(line)
        elif not line and out and out[-1]:
            out.append("")  # a paragraph break survives; dropped lines leave none
    return "\n".join(out).strip()


_OPEN_END = re.compile(r"[\w,;–-]$")
_TAIL = re.compile(r"^(?:[a-z0-9]|.{0,40}[.!?][\"”’)]*$)")


def _continues(previous: str, line: str) -> bool:
    """True when ``line`` finishes a hard-wrapped sentence (news wires wrap at ~70 columns).

    "share." or "March 17." after a long line that stops mid-sentence is the end of that
    sentence, not page furniture, so it is never dropped as noise.
    """
    return len(previous) >= 50 and bool(_OPEN_END.search(previous)) and bool(_TAIL.match(line))


def _drop_link_lists(lines: list[str], keep: list[bool]) -> None:
    """Unmark lines of SEO link lists in ``keep`` (see the module docstring, rule 3)."""
    kept = [i for i, k in enumerate(keep) if k]
    candidate = {i for i in kept if _is_link_like(lines[i])}
    runs: list[list[int]] = []
    previous = None
    for i in kept:
        if i in candidate:
            if runs and runs[-1][-1] == previous:
                runs[-1].append(i)
            else:
                runs.append([i])
        previous = i
    runs = [run for run in runs if len(run) >= 3]
    if not runs:
        return
    body_names = {w for i in kept if i not in candidate for w in _names(lines[i])}
    for run in runs:
        for i in run:
            if not _reads_as_clause(lines[i]) and not (_content_words(lines[i]) & body_names):
                keep[i] = False


_SMALL_WORDS = frozenset("a an and at by for from in into of on or the to vs with".split())


def _is_link_like(line: str) -> bool:
    """Short, title case, no sentence punctuation: the shape of a link in a list."""
    if len(line) > 90 or _SENTENCE_END.search(line):
        return False
    words = _WORD.findall(line)
    if not words or len(words) > 10:
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.75 * len(big)


_GENERIC = frozenset(
    "best top new news latest more most world video videos photos live update updates today year years week "
    "with from that this what when where how your their about after over into just than then them they will "
    "have been were said says here there near guide review reviews price prices deals cheap free online".split()
)
_PART = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"(?<![.!?:;\"“‘(\[])(?<![.!?:;\"“‘(\[]\s)(?<!^)\b[A-Z][^\W\d_]*")


def _content_words(line: str) -> set[str]:
    """Words that can tie a line to the article (hyphenated parts split, acronyms kept)."""
    return {w.lower() for w in _PART.findall(line) if _is_content(w)}


def _names(line: str) -> set[str]:
    """Capitalised words not opening a sentence: the names an article is about."""
    return {w.lower() for w in _NAME.findall(line) if _is_content(w)}


def _is_content(word: str) -> bool:
    return (len(word) >= 4 or (len(word) >= 2 and word.isupper())) and word.lower() not in _GENERIC


_AUX = frozenset("is are was were has have had will would could should must might cannot can't won't isn't aren't wasn't didn't doesn't don't did does".split())
_BEFORE_BASE = frozenset("to will would could should must might can may".split())


def _reads_as_clause(line: str) -> bool:
    """A verb form: a finite form of a headline verb, an auxiliary, or a base form in verb position."""
    finite, base = _verb_forms()
    words = [w.lower().replace("’", "'") for w in _WORD.findall(line)]
    for i, word in enumerate(words):
        if word in _AUX or word in finite or (word in base and i and _plural_or_modal_before(words, i)):
            return True
    return False


def _plural_or_modal_before(words: list[str], i: int) -> bool:
    """A base form reads as a verb after "to"/a modal or a plural subject: "Rebels Seize",
    "Iran and Russia Sign". "Lower Back Pain" or "Free Stuff" do not qualify."""
    prev = words[i - 1]
    plural = len(prev) > 3 and prev.endswith("s") and not prev.endswith("ss")
    return prev in _BEFORE_BASE or plural or (i >= 2 and words[i - 2] == "and")


@lru_cache(maxsize=1)
def _verb_forms() -> tuple[frozenset[str], frozenset[str]]:
    """(finite forms, base forms) of the verbs in ``headline_verbs.txt``."""
    finite: set[str] = set()
    base: set[str] = set()
    for raw in _VERB_FILE.read_text(encoding="utf-8").splitlines():
        parts = raw.split("#", 1)[0].split()
        if not parts:
            continue
        verb = parts[0]
        base.add(verb)
        finite.update(parts[1:] or _regular_past(verb))
        finite.add(_third_person(verb))
    return frozenset(finite), frozenset(base)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _regular_past(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "d"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb[:-1] + "ied"]
    forms = [verb + "ed"]
    if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb):
        forms.append(verb + verb[-1] + "ed")  # ban -> banned, cancel -> cancelled
    return forms
