"""From candidates to ``Event`` records: actor pairs, ontology fields, date, place, confidence."""
from __future__ import annotations

from spacy.tokens import Span

from bilateral.actors.resolve import ActorMention
from bilateral.coding import confidence
from bilateral.coding.clauses import Candidate
from bilateral.coding.context import DocContext, event_date, event_place
from bilateral.errors import UnknownCodeError
from bilateral.model import Article, Event, event_id_for
from bilateral.ontology import lookup

ORIGIN = "coder.v1"
_NON_STATES = ("IGO", "IMG", "NGO", "NGM", "MNC")


def pairs(candidate: Candidate, single: bool = False) -> list[tuple[ActorMention, ActorMention | None]]:
    """(source, target) pairs: every source with every target; both directions for reciprocal acts.

    With ``single`` a candidate without a target gives (source, None) for each state source.
    """
    if candidate.targets:
        return [(s, t) for s in candidate.sources for t in candidate.targets if _dyad(s, t)]
    if candidate.reciprocal and len(candidate.sources) > 1:
        return [(s, t) for s in candidate.sources for t in candidate.sources if _dyad(s, t)]
    if single:
        return [(s, None) for s in candidate.sources if s.country]
    return []


def _dyad(source: ActorMention, target: ActorMention) -> bool:
    """Two different actors, at least one of them placed in a country or organisation."""
    return source.code != target.code and bool(source.country or target.country)


def _mirror_record(candidate: Candidate):
    """The ontology record of the mirror event a pattern pairs with its own, if any."""
    if not candidate.match.paired or candidate.match.reverse or candidate.code != candidate.match.code:
        return None
    try:
        return lookup(candidate.match.paired)
    except UnknownCodeError:
        return None


def state_of(mention: ActorMention | None) -> str | None:
    """The 3-letter state code of a mention; None for organisations and bare agents."""
    if mention is None or not mention.country or len(mention.country) != 3:
        return None
    return None if mention.country.startswith(_NON_STATES) else mention.country


def plover_of(code: str) -> tuple[str | None, str | None]:
    """PLOVER type and mode of a CAMEO code from the ontology table.

    PLOVER dropped CAMEO's APPEAL (02x) and folded requests of every kind into REQUEST; the
    table leaves 02x empty, so an appeal takes the type and mode of the demand (10x) it
    parallels: 021 appeal for material cooperation -> 101 -> REQUEST assist.
    """
    record = lookup(code)
    if record.plover is None and code.startswith("02"):
        try:
            record = lookup("10" + code[2:])
        except UnknownCodeError:
            return None, None
    return record.plover, record.plover_mode


def build_events(candidate: Candidate, sentence: Span, index: int, article: Article,
                 context: DocContext, profile: str, single: bool = False) -> list[Event]:
    """The events one candidate yields in its sentence (none if its code is not in CAMEO)."""
    try:
        record = lookup(candidate.code)
    except UnknownCodeError:
        return []
    date, precision, date_source = event_date(context, candidate.predicate, sentence, article.date)
    directed = [(s, t, record) for s, t in pairs(candidate, single)]
    mirror = _mirror_record(candidate)
    if mirror is not None:  # "X visited Y": Y hosted X
        directed += [(t, s, mirror) for s, t, _ in list(directed) if t is not None]
    events = []
    for source, target, record in directed:
        spans = [(source.char_start, source.char_end)] + ([(target.char_start, target.char_end)] if target else [])
        place = event_place(context, candidate.predicate, sentence, spans)
        pred = candidate.predicate
        start = min([pred.idx] + [s for s, _ in spans])
        end = max([pred.idx + len(pred)] + [e for _, e in spans])
        evidence = confidence.Evidence(
            specificity=candidate.match.specificity, core_layer=candidate.match.layer == "core",
            source_certainty=source.certainty, target_certainty=target.certainty if target else None,
            hedged=candidate.hedged, reported=candidate.speaker is not None, nominal=candidate.nominal,
        )
        target_code = target.code if target else ""
        events.append(Event(
            event_id=event_id_for(article.doc_id, start, end, source.code, target_code, record.code),
            doc_id=article.doc_id, date=date, source=source.code, target=target_code,
            source_country=state_of(source), target_country=state_of(target),
            cameo=record.code, root=record.root, quad_class=record.quad_class, penta_class=record.penta_class,
            goldstein=record.goldstein(profile),
            plover=(candidate.match.plover if record.code == candidate.code else None) or plover_of(record.code)[0],
            plover_mode=(candidate.match.plover_mode if record.code == candidate.code else None)
            or plover_of(record.code)[1],
            sentence=sentence.text, char_start=start, char_end=end, url=article.url, title=article.title,
            confidence=confidence.score(evidence, inferred=record is not directed[0][2]),
            date_precision=precision, date_source=date_source,
            source_text=source.text, target_text=target.text if target else None,
            attribution=candidate.speaker, negated=candidate.negated,
            location=place.name if place else None, lat=place.lat if place else None,
            lon=place.lon if place else None, origin=ORIGIN, sentence_number=index,
        ))
    return events
