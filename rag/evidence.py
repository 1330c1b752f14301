"""Evidence selection: the few source sentences that answer a question, and whether any do.

The quotes are chosen in code, before any LLM call: each sentence of the top passages is
scored by its embedding similarity to the question plus the share of the question's
content words (weighted by rarity) that it contains. The same features decide, without
the LLM, when the sources do not answer the question (abstention).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache, partial

import numpy as np

from rag.chunk import chunk_id
from rag.compare import lexical_coverage, person_before, same_person
from rag.config import EvidenceConfig
from rag.indexer import sentence_embed_text
from rag.lang import (
    BUILDING_QUESTION, CALENDAR_DATE, CIVIL_SERVICE_TERMS, CONTENTS_QUESTION, CONTINUATION, COUNT_SKIPPED,
    COUNT_STATING_WORDS, DATES, DETAIL_NOUNS, DURATION_QUESTION, EARLIER_POST_QUESTION, EARLIER_POST_WORDS,
    EN_ID_GLOSSARY, EVENT_PLACE_QUESTION, EXAMPLE_QUESTION, EXAMPLE_WORDS, FOLLOWS_FROM_BEFORE, FORMER_TITLE,
    FORMS_OF_ADDRESS, GIVES_REASON_OF_BEFORE, HOW_MUCH, IMPLIED_SCOPE, INSTITUTION_WORDS, LIST_QUESTION, LIST_SEPARATOR,
    MEANS_QUESTION, MEANS_WORDS, MEASURE_WORDS, NAME_QUESTION, PRAISE_QUESTION, PRAISE_WORDS, PROGRAMME_NAMED,
    PROGRAMME_QUESTION, PRONOUNS, QUANTITY_QUESTION, QUOTATION, QUOTE_MARK, REGION_WORDS, SAYING_ASKED, SENTENCE_BREAK,
    SETTING_NOUNS, SINCE_QUESTION, SINCE_WORDS, SPEECH_QUESTION, SPEECH_QUESTION_WORDS, STOPWORDS, TENURE_QUESTION,
    TIME_EXPRESSION, TIME_QUESTION, TITLE_WORDS, TOWN_QUESTION, WHO_IS_QUESTION, WHY_QUESTION, YEAR_EXPRESSION,
    YEAR_QUESTION, YES_NO_QUESTION, asked_group, asked_role, canonical_office, content_terms, contracted, date_values,
    expand_query, formal, full_names, group_responds, is_english, is_region, is_year, name_variants, names_new_place,
    names_role, number_values, question_names, quoted_phrases, regions, sequence_values, speech_frame_terms,
    speech_topic, spelled_out, stem, titled_offices, tokenize, with_synonyms, word_forms, words,
)
from rag.types import Quote, Selection

# An official's title ("Wakil Gubernur"), which says who speaks, not what about.
_TITLE = re.compile(r"\b" + TITLE_WORDS + r"\b")
# An office a question names, in any case ("Sekda Jateng siapa …"); "mantan" is no office, and a
# head ("kepala daerah", "ketua tim", "direktur") is said of many (the articles' "pemimpin daerah"
# answers "kepala daerah": qa_new23 q14, lost by a first form of this rule).
_OFFICE_ASKED = re.compile(r"\b(?!mantan\b|kepala\b|ketua\b|direktur\b(?!\s+jenderal))" + TITLE_WORDS + r"\b",
                           re.IGNORECASE)


class _VectorCache:
    """Sentence vectors: precomputed in the index when it has them, otherwise embedded on
    first use and kept here (by embedder and text), so a repeated sentence is embedded once."""

    def __init__(self):
        self.data: OrderedDict[tuple, np.ndarray] = OrderedDict()

    def get_many(self, keys: list[tuple], texts: list[str], index, embedder, size: int) -> np.ndarray:
        """Vectors for the sentences ``texts`` found at ``keys`` = (doc_id, start, end); at most
        ``size`` embedded ones are kept. Vectors of different embedders never mix (the tests
        run the hashing embedder and the real one in one process)."""
        vectors = [index.sentence_vector(*key) for key in keys]
        model = (type(embedder).__name__, embedder.model_id)
        wanted = [(model, sentence_embed_text(t)) for t in texts]
        missing = sorted({w for w, v in zip(wanted, vectors) if v is None and w not in self.data})
        if missing:
            self.data.update(zip(missing, embedder.embed_passages([text for _, text in missing])))
        for i, vector in enumerate(vectors):
            if vector is None:
                vectors[i] = self.data[wanted[i]]
                self.data.move_to_end(wanted[i])
        while len(self.data) > size:
            self.data.popitem(last=False)
        return np.stack(vectors)


_CACHE = _VectorCache()


def office_chunks(question: str, retriever, config: EvidenceConfig = EvidenceConfig()) -> list:
    """For "Siapa <office> …" (``asked_office``), the chunks the office's own words find: the
    question's other words may rank the passage that names its holder low ("siapa wagub jateng
    yg ikut ngasih arahan di rakor …" found Luthfi's words and Wagub Emil's, not "Wakil Gubernur
    Jawa Tengah, Taj Yasin Maimoen …"; qa_new7 q27, qa_new9 q12)."""
    office = asked_office(question)
    # in full: the lexical search knows no aliases ("Wagub Jateng" finds no "Wakil Gubernur Jawa Tengah")
    return [hit.chunk for hit in retriever.search(canonical_office(office), k=config.office_chunks)] if office else []


def select_quotes(question: str, hits, query_vector: np.ndarray, index, embedder,
                  config: EvidenceConfig = EvidenceConfig(), extra_chunks=()) -> Selection:
    """Pick up to ``config.max_quotes`` sentences from the top passages of ``index``, or decide
    to abstain. ``embedder`` embeds the sentences the index has no vectors for; ``extra_chunks``
    (``office_chunks``) are read too."""
    selection = Selection()
    if not hits:
        selection.abstain, selection.reason = True, "no passage retrieved"
        return selection
    if not is_english(question):
        question = formal(question)  # "kpn", "brp", "tgl": the kind of answer asked for is read from the words
    idf = index.idf
    q_terms = content_terms(HOW_MUCH.sub(" ", expand_query(question)))

    candidates: list[tuple[int, object, int, int]] = []  # (hit rank, chunk, start, end)
    seen: set[tuple[str, int]] = set()
    for rank, chunk in _candidate_chunks(hits, index, config.quote_chunks, extra_chunks):
        doc_text = index.documents[chunk.doc_id].text
        for start, end in chunk.sentences:
            key = (chunk.doc_id, start)
            if key in seen or len(doc_text[start:end].split()) < config.min_quote_words:
                continue
            seen.add(key)
            candidates.append((rank, chunk, start, end))
    if not candidates:
        selection.abstain, selection.reason = True, "no sentence in the retrieved passages"
        return selection

    texts = [index.documents[c.doc_id].text[s:e] for _, c, s, e in candidates]
    keys = [(c.doc_id, s, e) for _, c, s, e in candidates]
    vectors = _CACHE.get_many(keys, texts, index, embedder, config.vector_cache_size)
    dense = vectors @ query_vector[0]
    # a sentence holds a question word it says in a synonym ("Ibarat birokrasi itu kendaraan …" for
    # "analogi birokrasi"; qa_new7 q06)
    said = [with_synonyms(content_terms(t)) for t in texts]
    lexical = np.array([lexical_coverage(q_terms, t, idf) for t in said])
    rank_bonus = np.array([config.rank_bonus * max(0, config.quote_chunks - rank) for rank, _, _, _ in candidates])
    scores = dense + config.lexical_weight * lexical + rank_bonus
    # a word the question quotes ("… mengandalkan 'nggendong' orang tertentu …") is the article's:
    # the sentence that says it is the one asked about (qa_new15 q01)
    quoted = quoted_phrases(question, 1)
    if quoted:
        quoted_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, quoted)) + r")\b")
        said_quoted = np.array([bool(quoted_pattern.search(" ".join(words(t)))) for t in texts])
        scores = scores + config.quoted_bonus * said_quoted
    speech = bool(SPEECH_QUESTION.search(question))
    is_quotation = np.array([bool(QUOTE_MARK.search(t)) for t in texts])
    if speech:
        # a quotation is the answer when it is the asked person's: another speaker's words at the
        # same event ("Sesuai arahan …," katanya — Khofifah's, for "apa kata Akmal Malik mengenai
        # UMKM"; qa_new14 q02) get no bonus
        known = index.people()
        asked = _asked_people(question, known)
        if asked:
            is_quotation = is_quotation & np.array([_said_by(asked, (c, s, e, t), index, known)
                                                    for (_, c, s, e), t in zip(candidates, texts)])
        scores = scores + config.speech_bonus * is_quotation

    order = np.argsort(-scores, kind="stable")
    best = float(scores[order[0]])
    on_topic = _mentions_names(question, index)
    provincial = any(re.match(TITLE_WORDS, name) and regions(name) for name in question_names(question)) \
        and any(on_topic(key[0]) for key in keys)
    name_terms = q_terms & content_terms(" ".join(question_names(question)))

    why = bool(WHY_QUESTION.search(question))

    def widened(i: int):
        return _expand(candidates[i], texts[i], scores, candidates, index, best, config, why)

    def overlaps(span, spans) -> bool:
        return any(span[0].doc_id == o[0].doc_id and span[1] < o[2] and o[1] < span[2] for o in spans)

    def gain(terms: set[str]) -> float:
        """How much of the question ``terms`` add to what the chosen quotes cover."""
        return lexical_coverage(q_terms, covered | terms, idf) - lexical_coverage(q_terms, covered, idf)

    chosen: list[int] = []
    spans: list[tuple] = []  # (chunk, start, end, text) of each chosen quote, widened
    covered: set[str] = set()  # the question's terms the chosen quotes hold
    for i in order:
        if len(chosen) >= config.max_quotes or scores[i] < best - max(config.quote_margin, config.new_terms_margin):
            break
        wide = scores[i] < best - config.quote_margin  # only for what the quotes before it lack
        if any(_adjacent(keys[i], keys[j], index) for j in chosen):
            continue  # it will be merged into its neighbour's quote below
        if (keys[i][0] != keys[chosen[0]][0] if chosen else provincial) and not on_topic(keys[i][0]):
            # another article, not about whom the question names; nor the first quote, when the question
            # names a province's office and an article names it ("What did Central Java's vice governor
            # tell …" took East Java's vice governor's sentence first; qa_new28 q14). Not for names of
            # people: "Gubernur Luthfi" is no phrase of the article that writes "Gubernur Jateng Ahmad Luthfi".
            continue
        span = widened(i)
        if overlaps(span, spans):
            continue  # widened into a quote already taken
        terms = q_terms & with_synonyms(content_terms(span[3]))
        if on_topic(span[0].doc_id):
            terms |= name_terms  # "pungkasnya" at the end of Emil's quote: Emil said it
        if chosen and gain(terms) < config.min_coverage_gain:
            continue  # tells nothing about the question that the quotes before it do not
        if wide and (not terms - covered - name_terms or gain(terms) < config.new_terms_min_gain):
            continue
        chosen.append(int(i))
        spans.append(span)
        covered |= terms
    # Offices in their full form on both sides: "Dirjen Otda" asks about the article's "Direktur
    # Jenderal Otonomi Daerah" (qa_new4 r17).
    q_offices = content_terms(canonical_office(HOW_MUCH.sub(" ", expand_query(question))))
    for has_answer, may_hold, min_coverage, with_quotes in _answer_kinds(question, speech, config, index.people()):
        # "apa kata X": the person's own words are the answer; "kapan": a time; "siapa nama":
        # a name the question does not hold. When no quote has one, the best sentence that
        # does replaces the last quote, if it is about the question too.
        if any(has_answer(span[3], index.documents[span[0].doc_id].text) for span in spans):
            continue
        def about_the_question(i: int) -> bool:
            # the holder of an asked office with the quotes from its article: "Siapa Wagub Jateng yg
            # ikut ngasih arahan di rakor …" is "Wakil Gubernur Jawa Tengah, Taj Yasin …" in the
            # article whose quote tells of the rakor (qa_new9 q12)
            context = [s[3] for s in spans[:config.max_quotes - 1] if with_quotes and s[0].doc_id == keys[i][0]]
            return lexical_coverage(q_offices, with_synonyms(content_terms(canonical_office(
                " ".join([texts[i]] + context)))), idf) >= min_coverage

        # the best that is about the question too, not only the best: "Wakil Gubernur Jawa Timur Emil
        # …" scores above Taj Yasin's sentence for "Siapa wakil gubernur yang ikut memberi arahan di
        # rakor POK Pemprov Jateng?" and holds too little of it (qa_new19 q06)
        holders = sorted((i for i in range(len(texts)) if scores[i] >= best - config.answer_kind_margin
                          and may_hold(texts[i], index.documents[keys[i][0]].text) and on_topic(keys[i][0])),
                         key=lambda i: -scores[i])
        holder = next((i for i in holders if about_the_question(i)), None)
        if holder is not None:
            span = widened(holder)
            # it replaces the last quote, and any quote it runs on over and holds whole ("Gus Yasin
            # juga menekankan … koordinasi …" then his "Saling koordinasi …": one quote; qa_new6 q27)
            keep = config.max_quotes - 1
            covered_by = [s for s in spans[:keep] if overlaps(s, [span])]
            if covered_by and not all(span[1] <= s[1] and s[2] <= span[2] for s in covered_by):
                # it runs into a quote and stops inside it ("Wakil Gubernur Jawa Tengah, Taj Yasin … Gus
                # Yasin, turut menambahkan …" into his "Gus Yasin juga menekankan …"; qa_new34 q12): one
                # quote from the first's start to the last's end
                first, last = min(s[1] for s in covered_by + [span]), max(s[2] for s in covered_by + [span])
                span = (span[0], first, last, index.documents[span[0].doc_id].text[first:last])
            kept = [(i, s) for i, s in zip(chosen[:keep], spans) if s not in covered_by]
            chosen, spans = [i for i, _ in kept] + [holder], [s for _, s in kept] + [span]

    if spans and TIME_QUESTION.search(question) and SAYING_ASKED.search(question) \
            and not any(TIME_EXPRESSION.search(span[3]) for span in spans):
        # "Tanggal berapa Bu Gubernur bilang pola kerja … itu cara lama?": the quote says what, the
        # article's one date says when it was said ("Hal ini disampaikannya saat …, Selasa (16/11)";
        # qa_new12 q05, q37); it replaces the last quote
        occasion = _occasion(spans[0][0].doc_id, index)
        if occasion is not None and not overlaps(occasion, spans):
            chunk, start, end, text = occasion
            candidates.append((config.quote_chunks, chunk, start, end))
            texts.append(text)
            keys.append((chunk.doc_id, start, end))
            scores = np.append(scores, 0.0)
            keep = config.max_quotes - 1
            chosen, spans = chosen[:keep] + [len(candidates) - 1], spans[:keep] + [occasion]

    if spans and len(chosen) < config.max_quotes:
        # "Apa harapan ... dari X?": an article states X, then what it is for a sentence or
        # two later. A follower that holds question words the quotes lack joins them.
        first = spans[0]
        candidate_at = {(k[0], k[1]): i for i, k in enumerate(keys)}
        following = [s for s in index.sentences_of(first[0].doc_id) if s[0] >= first[2]][:config.follow_sentences]
        for start, _ in following:
            i = candidate_at.get((first[0].doc_id, start))
            if i is None:
                continue
            span = widened(i)
            terms = q_terms & with_synonyms(content_terms(span[3]))
            if not overlaps(span, spans) and (terms - covered - name_terms) and gain(terms) >= config.min_coverage_gain:
                chosen.append(i)
                spans.append(span)
                break

    top_dense = max((h.dense for h in hits if h.dense is not None), default=0.0)
    source_terms = set().union(*(with_synonyms(content_terms(span[3])) for span in spans))
    coverage = lexical_coverage(q_terms, source_terms, idf)
    selection.features = {"top_dense": round(top_dense, 4), "coverage": round(coverage, 4),
                          "best_sentence": round(best, 4)}

    # Kept when abstaining too: the pipeline shows none then, but they say what was rejected.
    selection.quotes = [
        Quote(n=n, text=text, doc_id=chunk.doc_id, chunk_id=chunk.chunk_id, start=start, end=end,
              score=float(scores[i]))
        for n, (i, (chunk, start, end, text)) in enumerate(zip(chosen, spans), 1)
    ]
    reason = _abstain_reason(question, hits, [span[3] for span in spans], top_dense, coverage, idf, config,
                             [index.documents[span[0].doc_id].text for span in spans],
                             [index.documents[doc_id].text for doc_id in dict.fromkeys(h.chunk.doc_id for h in hits)],
                             [index.documents[span[0].doc_id].place for span in spans], index.people())
    if not reason and speech:
        # "Apa tanggapan Gus Yasin soal jual beli jabatan?" where the best sentences are Luthfi's
        # words (qa_new7 q25): what someone else said does not answer it (``known``, ``asked``: above)
        if asked and not any(_said_by(asked, span, index, known) for span in spans):
            reason = f"the question asks what {asked[0]} said, and the best sentences are someone else's words"
        # "… soal jual beli jabatan" when Gus Yasin's words here are about coordination (qa_new7 q25),
        # "what did Akmal Malik say about digital transformation for civil servants" (qa_new14 q38):
        # their words must hold the topic, in a word or a synonym, besides the civil servants every
        # article is about and their title ("Wakil Gubernur …" is not about "istilah 'iku wonge
        # gubernur'"; qa_new14 q39)
        asked_topic = speech_topic(question)
        topic = content_terms(expand_query(asked_topic, english=is_english(question))) \
            - name_terms - CIVIL_SERVICE_TERMS
        if asked and topic and not reason and not any(
                _said_by(asked, span, index, known)
                and topic & with_synonyms(content_terms(_TITLE.sub(" ", span[3]))) for span in spans):
            reason = f"the question asks what {asked[0]} said about {asked_topic}, " \
                     "and none of their words here is about it"
    group = asked_group(question) if not reason else ""
    if group and not any(group_responds(group, span[3], config.group_response_reach) for span in spans):
        # "Bagaimana tanggapan para kepala OPD terhadap ancaman gubernur …?" where the sentences are
        # his words, and "Seluruh kepala OPD … diminta …" (qa_new15 q40)
        reason = f"the question asks how the {group} … responded, and the sentences give no response of theirs"
    if reason:
        selection.abstain, selection.reason = True, reason
    return selection


def _occasion(doc_id: str, index):
    """(chunk, start, end, text) of the sentence that dates an article's occasion, when the article
    gives one date only (a news report of one event: "… Selasa (16/11)"), else None."""
    text = index.documents[doc_id].text
    if len(date_values(text)) != 1:
        return None
    for start, end in index.sentences_of(doc_id):
        if date_values(text[start:end]):
            chunk = index.chunk_at(doc_id, start)
            return None if chunk is None else (chunk, start, end, text[start:end])
    return None


def _asked_people(question: str, known: list[str]) -> list[str]:
    """The people of ``known`` whom ``question`` names ("Gus Yasin" is Taj Yasin Maimoen), or, with
    no capitalised name, whose name it types in lower case ("gus yasin ngomong apa soal …"; qa_new26 q34)."""
    named = [p for p in known if any(same_person(name, p) for name in question_names(question))]
    if named:
        return named
    folded = question.lower()
    return [p for p in known
            if any(len(part) > 3 and re.search(rf"\b{re.escape(part.lower())}\b", folded) for part in p.split())]


# The words of a "who is" question besides the name it asks about.
_ASKING_WHO = frozenset({"siapa", "siapakah", "who", "is", "was", "gus"} | {w.lower() for w in FORMS_OF_ADDRESS})


def _who_is_asked(question: str, known: list[str]) -> list[str]:
    """The people of ``known`` whom ``question`` asks who they are ("Siapa Gus Yasin?", "gus yasin
    tuh siapa sih? nama lengkapnya …"): its first sentence holds nothing but their name and the
    question word ("Luthfi minta maaf kepada siapa?" asks something else)."""
    if not WHO_IS_QUESTION.search(question):
        return []
    first = re.split(r"(?<=\?)", formal(question))[0]
    said = {w for w in words(first) if w not in _ASKING_WHO} - STOPWORDS
    # one pass of set checks over the people (a large corpus names thousands: no pattern per name)
    asked = [person for person in known if said & set(words(person))] if said else []
    named = {w for person in asked for w in words(person)}
    return asked if asked and said <= named else []


def _said_by(people: list[str], span, index, known: list[str]) -> bool:
    """Whether a quote (a widened span) is the words of one of ``people``: it names them, or
    they are the person its article named last before it ("… ujarnya")."""
    text = span[3]
    if any(re.search(rf"\b{re.escape(part)}\b", text) for p in people for part in p.split() if len(part) > 2):
        return True
    article = index.documents[span[0].doc_id].text
    return person_before(article, span[1], known) in people


def _place_asked(question: str) -> str | None:
    """How a question asks for a place the answer must name ("in which town", "where it was
    held"), or None: a town (``TOWN_QUESTION``) or the place of an event (``EVENT_PLACE_QUESTION``)."""
    if TOWN_QUESTION.search(question):
        return "in which town"
    return "where it was held" if EVENT_PLACE_QUESTION.search(question) else None


def _answer_kinds(question: str, speech: bool, config: EvidenceConfig, known: list[str]):
    """For a question that asks for a kind of answer, (whether a quote gives it, whether a
    sentence may give it, each given the text and its article's text; how much of the question
    that sentence must hold; whether the quotes from its article count to that): someone's words,
    a time, a name. Quotes without a time or a name refuse the question (``_abstain_reason``),
    so a sentence brought in for one must be about the question, not any date or name.
    ``known``: the people the index names."""
    if speech:
        yield (lambda text, _: bool(QUOTATION.search(text))), (lambda text, _: bool(QUOTE_MARK.search(text))), 0.0, \
            False
    if TIME_QUESTION.search(question):
        time_pattern = YEAR_EXPRESSION if YEAR_QUESTION.search(question) else TIME_EXPRESSION
        has_time = lambda text, _: bool(time_pattern.search(text))  # noqa: E731
        yield has_time, has_time, config.answer_kind_min_coverage, False
    if DURATION_QUESTION.search(question):
        # "sudah berapa lama menjabat gubernur?" at the assembly, where the sentences on the assembly
        # give no number and the one on his apology does ("kurang lebih dua bulan menjabat
        # gubernur"; qa_new17 q28, qa_new18 q29): a number not the question's and no date. How
        # long only: for any count ("berapa jumlah walisongo", "berapa luas …") a sentence with some
        # number pushed out the one that answers (IDK-MRC tune: three answerable refused more)
        asked = number_values(question)
        has_count = lambda text, _: bool(number_values(DATES.sub(" ", text)) - asked)  # noqa: E731
        yield has_count, has_count, config.answer_kind_min_coverage, False
    building = BUILDING_QUESTION.search(question)
    if building:
        has_building = lambda text, _: _names_building(building.group(1), text)  # noqa: E731
        yield has_building, has_building, config.answer_kind_min_coverage, False
    if _place_asked(question):
        names_town = lambda text, _: names_new_place(question, text, known)  # noqa: E731
        yield names_town, names_town, config.answer_kind_min_coverage, False
    role = asked_role(question)
    if role:
        has_role = lambda text, _: names_role(role, text)  # noqa: E731
        yield has_role, has_role, config.answer_kind_min_coverage, False
    if EARLIER_POST_QUESTION.search(question):
        has_earlier = lambda text, _: bool(EARLIER_POST_WORDS.search(text))  # noqa: E731
        yield has_earlier, has_earlier, config.answer_kind_min_coverage, False
        # "Mantan Kapolda Jateng tersebut menyatakan …" after a sentence that names Luthfi: the
        # answer, however little else of the question it holds (qa_new12 q03)
        asked = _asked_people(question, known)
        names_post = lambda text, article: bool(FORMER_TITLE.search(text)) and bool(asked) \
            and person_before(article, article.find(text), known) in asked  # noqa: E731
        yield has_earlier, names_post, 0.0, False
    who = _who_is_asked(question, known)
    if who:
        # the sentence that gives the person's office with their name ("Wakil Gubernur Jawa Tengah, Taj
        # Yasin Maimoen atau akrab disapa Gus Yasin, …")
        parts = {part for person in who for part in person.split() if len(part) > 3}
        has_office = lambda text, _: bool(re.search(TITLE_WORDS, text)) \
            and any(re.search(rf"\b{re.escape(part)}\b", text) for part in parts)  # noqa: E731
        # the name is what it is about: the question's other words ("nama lengkapnya sm jabatannya") need
        # not be there
        yield has_office, has_office, 0.0, False
    if MEANS_QUESTION.search(question):
        has_means = lambda text, _: bool(MEANS_WORDS.search(text))  # noqa: E731
        yield has_means, has_means, config.answer_kind_min_coverage, False
    if PROGRAMME_QUESTION.search(question):
        # about the question with the quotes of its article: "Menurutnya, hal tersebut sangat sesuai dengan
        # … program Nawa Bhakti Satya" says little of it alone (qa_new37 q34)
        names_programme = lambda text, _: bool(PROGRAMME_NAMED.search(text))  # noqa: E731
        yield names_programme, names_programme, config.answer_kind_min_coverage, True
    if NAME_QUESTION.search(question):
        has_name = partial(names_the_holder, question, reach=config.holder_reach)
        # an office or a ministry has one holder or few, so naming one is evidence enough; a
        # province ("pejabat Jateng yang …") has many officials, and naming one is not (qa_new9 q14)
        asked = asked_office(question)
        office = bool(asked) and not is_region(asked)
        yield has_name, has_name, (config.holder_min_coverage if office else config.answer_kind_min_coverage), office


# "Siapa Dirjen Otda Kemendagri yang …": the office whose holder is asked for; "Siapa nama Kepala
# BKD …" asks for the same (qa_new7 q29), and so does one asked for last in the same sentence
# ("Wagub Jateng yang … itu siapa?"; not "Gubernur Jatim menyebut …. Itu sesuai arahan siapa?",
# qa_new14 q07). "Pejabat (dari) Kemendagri …": the body whose official is asked for (qa_new8 q02,
# qa_new10 q09).
_ASKED_OFFICE = (
    re.compile(r"\b[Ss]iapa(?:kah)?\s+(?:nama\s+(?:lengkap\s+)?)?(" + TITLE_WORDS + r"(?:\s+[A-Z][\w-]*)*)"),
    re.compile(r"^\W*(" + TITLE_WORDS + r"(?:\s+[A-Z][\w-]*)*)[^?.]*\b[Ss]iapa(?:kah)?\W*$"),
    re.compile(r"\b[Pp]ejabat\s+(?:(?:dari|di)\s+)?(\w+(?:\s+[A-Z][\w-]*)*)"),
)


@lru_cache(maxsize=256)  # asked again for every candidate sentence of one question
def asked_office(question: str) -> str | None:
    """The office (or body) whose holder ``question`` asks for, typed in any case ("siapa wagub
    jateng …", "pejabat kemendagri …")."""
    titled = titled_offices(question)
    for pattern in _ASKED_OFFICE:
        asked = pattern.search(titled)
        if asked and (asked.group(1)[:1].isupper() or canonical_office(asked.group(1)) != asked.group(1).lower()):
            return asked.group(1)
    return None


# "Apa sanksi …", "Apa saja nama aplikasi …", "Aplikasi layanan digital apa …": the thing a
# question asks for.
ASKED_THING = re.compile(r"^\W*(?:apa\s+(?:saja\s+)?(?:nama\s+)?(\w+)|(\w+)(?:\s+\w+){0,3}\s+apa\b)",
                         re.IGNORECASE)
# … and asked in English: "What budget …", "Which sanction …", "What was the official theme of …"
# (qa_new30 q22)
ENGLISH_ASKED_THING = re.compile(r"^\W*(?:what|which)\s+(?:(?:is|was|are|were)\s+the\s+(?:(?:official|main|exact|"
                                 r"full)\s+)?(?=\w+\s+of\b))?(\w+)", re.IGNORECASE)


def _names_building(word: str, text: str) -> bool:
    """Whether ``text`` names a building with the word the question asked by ("gedung")."""
    return bool(re.search(rf"\b{word}\b", text, re.IGNORECASE))


def names_the_holder(question: str, text: str, article: str, reach: int = EvidenceConfig.holder_reach) -> bool:
    """Whether ``text`` gives a name ``question`` does not hold and, when it asks "Siapa
    <office> …", one that its ``article`` gives that office: "Siapa Dirjen Otda …" is answered
    by "Direktur Jenderal Otonomi Daerah Kemendagri Akmal Malik", and "Gus Yasin" answers
    "Siapa Wakil Gubernur Jawa Tengah …" when the article wrote "Wakil Gubernur Jawa Tengah,
    Taj Yasin Maimoen atau akrab disapa Gus Yasin" before; a governor named nearby does not."""
    names = new_names(question, text)
    asked = asked_office(question)
    if not asked:
        return bool(names)
    office = canonical_office(asked)
    if not re.match(TITLE_WORDS, asked):
        # a body ("pejabat Kemendagri"): a name written just after it, past any title ("… Kemendagri
        # Akmal Malik", "Pemprov Jateng Sekda …"), not one anywhere in the sentence or a few words
        # on ("ASN Kreatif Inovatif …, Pemerintah Provinsi Jawa Tengah", qa_new5 q10; "Jawa Tengah
        # Ahmad Luthfi mendorong ASN Kreatif Inovatif" names no official "Kreatif", qa_new9 q14)
        named = {w.lower() for name in names for w in name.split()}
        written = canonical_office(text)
        return any(set(_after_titles(written[m.end():].split())[:1]) & named
                   for m in re.finditer(rf"\b{re.escape(office)}\b", written))
    if names and office in canonical_office(text):
        return True
    # any capitalised word, a sentence's first too ("Gus Yasin juga menekankan …")
    asked_words = set(canonical_office(question).split())
    parts = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}\b", text)
             if w not in INSTITUTION_WORDS and w not in REGION_WORDS and not re.fullmatch(TITLE_WORDS, w)} - asked_words
    if not parts:
        return False
    written = canonical_office(article)  # cached: the candidates of one question share a few articles
    return any(parts & set(written[m.end():].split()[:reach])
               for m in re.finditer(rf"\b{re.escape(office)}\b", written))


def _after_titles(tokens: list[str]) -> list[str]:
    """``tokens`` from the first that is not a title word ("sekda", "kepala")."""
    start = 0
    while start < len(tokens) and re.fullmatch(TITLE_WORDS, tokens[start], re.IGNORECASE):
        start += 1
    return tokens[start:]


def new_names(question: str, text: str) -> list[str]:
    """The full names in ``text`` that share no word with a name in ``question`` and are not
    the full form of one of its abbreviations ("Organisasi Perangkat Daerah" for "kepala OPD")."""
    asked = {w.lower() for name in question_names(question) for w in name.split()}
    spelled_out = set(canonical_office(question).split())
    return [name for name in full_names(text)
            if not {w.lower() for w in name.split()} & asked and not set(canonical_office(name).split()) <= spelled_out]


def _mentions_names(question: str, index):
    """A test of whether an article mentions every name the question names ("Luthfi",
    "Wakil Gubernur Jawa Tengah"), as phrases, in any of their forms (``name_variants``:
    "Gubernur Jateng" is also "Gubernur Jawa Tengah", "Central Java" is "Jawa Tengah")."""
    names = _name_forms(question)
    cache: dict[str, bool] = {}

    def mentions(doc_id: str) -> bool:
        if doc_id not in cache:
            document = index.documents[doc_id]
            text = " ".join(f"{document.title}\n{document.text}".lower().split())
            cache[doc_id] = all(any(form in text for form in forms) for forms in names)
        return cache[doc_id]

    return mentions


def _name_forms(question: str) -> list[set[str]]:
    """For each name in the question, the forms an article may write it in."""
    english = is_english(question)
    forms = (name_variants(name, english) for name in question_names(question))
    return [f for f in forms if f]


def _candidate_chunks(hits, index, n: int, extra=()):
    """The top ``n`` hits, then the chunks just before and after the best one (an article's
    statement often follows the sentence that introduces it) and the ``extra`` chunks, each with
    its hit rank (``n`` for those after the hits)."""
    out = [(rank, hit.chunk) for rank, hit in enumerate(hits[:n])]
    have = {c.chunk_id for _, c in out}
    top = hits[0].chunk
    number = top.chunk_id.rpartition(":")[2]
    neighbours = [index.chunk(chunk_id(top.doc_id, int(number) + step)) for step in (-1, 1)] if number.isdigit() else []
    for chunk in neighbours + list(extra):
        if chunk is not None and chunk.chunk_id not in have:
            have.add(chunk.chunk_id)
            out.append((n, chunk))
    return out


def _adjacent(a: tuple, b: tuple, index) -> bool:
    """Whether two sentence keys (doc_id, start, end) are neighbours in their document."""
    if a[0] != b[0]:
        return False
    gap = index.documents[a[0]].text[min(a[2], b[2]):max(a[1], b[1])]
    return (a[2] <= b[1] or b[2] <= a[1]) and len(gap.split()) == 0 and len(gap) <= 3


def _expand(candidate, text, scores, candidates, index, best, config: EvidenceConfig, why: bool = False):
    """Widen a chosen sentence into a quote that stands on its own: join the sentence before
    it when it opens with a pronoun or connective, then the sentences after it while each
    continues the one before (a pronoun or connective, "yang dimaksud …", the quotation a
    narrated sentence introduces) or scores nearly as well, up to ``config.max_quote_sentences``
    and ``config.max_quote_words``; when the budget cuts it and ``why`` (the question asks for a
    reason), a sentence that follows from the one before ("Oleh sebab itu, …") keeps that one.
    The quote may run into the next chunk: an article's statement does not stop where the index
    cut it."""
    _, chunk, start, end = candidate
    doc_text = index.documents[chunk.doc_id].text
    spans = index.sentences_of(chunk.doc_id) or list(chunk.sentences)
    pos = spans.index((start, end)) if (start, end) in spans else None
    if pos is None:
        return chunk, start, end, text
    score_of = {(c.doc_id, s): float(scores[k]) for k, (_, c, s, _) in enumerate(candidates)}

    def extended(first: int) -> tuple[int, bool]:
        """The last sentence of the quote from ``first``, and whether the word budget alone
        stopped it before a sentence that continues it."""
        last = pos
        words = sum(len(doc_text[s:e].split()) for s, e in spans[first:last + 1])
        while last + 1 < len(spans) and last - first + 1 < config.max_quote_sentences:
            nxt_start, nxt_end = spans[last + 1]
            nxt = doc_text[nxt_start:nxt_end]
            before = doc_text[spans[last][0]:spans[last][1]]
            introduces_quotation = not QUOTE_MARK.search(before) and QUOTE_MARK.match(nxt)
            continues = introduces_quotation or CONTINUATION.match(nxt.lstrip("“\"'")) \
                or score_of.get((chunk.doc_id, nxt_start), -1) >= best - config.quote_margin
            if not continues:
                return last, False
            if words + len(nxt.split()) > config.max_quote_words:
                return last, True
            last += 1
            words += len(nxt.split())
        return last, False

    opening = doc_text[start:end].lstrip("“\"'")
    first = pos - 1 if pos > 0 and CONTINUATION.match(opening) else pos
    last, cut = extended(first)
    if cut and first < pos and why and FOLLOWS_FROM_BEFORE.match(opening):
        # "Mengapa … butuh dukungan penuh …?" and "Oleh sebab itu, dibutuhkan dukungan penuh …": the
        # sentence before gives the reason; what follows it does not (qa_new15 q19)
        last = pos
    elif cut and first < pos:
        # the sentence before ("… katanya saat memberikan materi …") only says who "Dia" is; what
        # the chosen one leads to ("Hal ini sangat menghambat inovasi") says more (qa_new5 q19)
        first = pos
        last, _ = extended(first)
    if why:
        # the purpose the same paragraph gives a sentence or two on ("Menurutnya, birokrasi … tidak bisa lagi
        # hanya berorientasi pada eksekusi anggaran semata. Diperlukan … Hal ini bertujuan agar …")
        length = sum(len(doc_text[s:e].split()) for s, e in spans[first:last + 1])
        for k in range(last + 1, min(last + 3, len(spans))):
            length += len(doc_text[spans[k][0]:spans[k][1]].split())
            if "\n" in doc_text[spans[k - 1][1]:spans[k][0]] or length > config.max_quote_words:
                break
            if GIVES_REASON_OF_BEFORE.match(doc_text[spans[k][0]:spans[k][1]]):
                last = k
                break
    q_start, q_end = spans[first][0], spans[last][1]
    return chunk, q_start, q_end, doc_text[q_start:q_end]


def _abstain_reason(question: str, hits, quotes: list[str], top_dense: float, coverage: float,
                    idf: dict[str, float], config: EvidenceConfig, documents: list[str], articles: list[str],
                    places: list[str], people: Sequence[str] = ()) -> str:
    """Why the sources cannot answer, or "" when they may. ``documents``: the text of each
    quote's article; ``articles``: the text of each retrieved passage's article; ``places``: the
    place of each quote's article's dateline ("" without one), which the answer shows with it;
    ``people``: the people the sources name."""
    if top_dense < config.min_dense:
        return f"no passage is similar enough to the question (best cosine {top_dense:.3f} < {config.min_dense})"
    if coverage == 0.0 and top_dense < config.min_dense_no_overlap:
        return f"no word of the question occurs in the best sentences (cosine {top_dense:.3f})"
    if not is_english(question):
        # A name or number the sources never use, or common words they never use that are much
        # of a short question ("Apa hobi Khofifah?"); not one common word of a long one ("… main
        # aman …": issue 15, refusals of new questions).
        # the verb that asks for someone's view, and a form of address, are no words the sources
        # must use ("Apakah bu Khofifah menganggap …", "Pak Gub … yg dinilai apa"; qa_new8 q18, qa_new4 r12)
        # nor the noun that asks for someone's words ("Apa tanggapan Pak Luthfi …"; qa_new10 q01)
        terms = content_terms(expand_query(question)) - IMPLIED_SCOPE - speech_frame_terms(formal(question)) \
            - {stem(w.lower()) for w in FORMS_OF_ADDRESS} - content_terms(" ".join(SPEECH_QUESTION_WORDS))
        unknown = sorted(t for t in terms if not any(all(w in idf for w in form.split()) for form in word_forms(t))
                         and not any(contracted(t, article) for article in articles))
        # an acronym is a name too ("… menteri PAN-RB …", which the sources never name; qa_new33 q34),
        # unless the retrieved articles spell it out ("SSO": "Single Sign On"; qa_new8 q37)
        acronyms = [a for a in re.findall(r"\b[A-Z]{2,}(?:-[A-Z]{2,})?\b", question)
                    if not re.fullmatch(r"[IVXLC]+", a)  # a Roman number is a number ("triwulan IV")
                    and not any(spelled_out(a, article) for article in articles)]
        named = content_terms(" ".join(question_names(question) + re.findall(r"\w*\d\w*", question) + acronyms))
        if not set(unknown) & named and len(unknown) < config.min_unknown_share * len(terms):
            unknown = []
        said = " ".join(words(" ".join(quotes)))
        if any(phrase in said for phrase in quoted_phrases(question)):
            unknown = []  # the question quotes the sources' own words: it is about them
        if unknown and coverage < config.min_coverage_with_unknown_word:
            return (f"the sources never use '{unknown[0]}' and the best sentences cover little of the question "
                    f"({coverage:.2f})")
        # the retrieved passages' articles: "Dirjen Otda nyebut siapa aja 'aktor' …" retrieves his
        # words, and his article names him with his office a passage before (qa_new9 q36)
        corpus_text = " ".join(h.chunk.title for h in hits).lower() + " " + " ".join(articles).lower()
        for name in question_names(question):
            if name.lower() in IMPLIED_SCOPE:
                continue
            # … or contracted from its words ("YouTube Pusbangkom" for "YouTube Pusat Pengembangan Kompetensi";
            # qa_new36 q16)
            if not any(all(part in corpus_text or any(contracted(part, article) for article in articles)
                           for part in form.split()) for form in name_variants(name)):
                return f"'{name}' does not occur in the retrieved passages' articles"
        # an office no retrieved article names in any spelling, also as a question's first word, which is
        # no name above ("Sekda Jateng siapa yang mendampingi Ahmad Luthfi …", where the articles name no
        # Sekda; qa_new38 q06): the question is about someone the sources never speak of
        for office in _OFFICE_ASKED.findall(formal(question)):
            if not any(re.search(rf"\b{re.escape(form)}\b", corpus_text) for form in name_variants(office)):
                return f"'{office}' does not occur in the retrieved passages' articles"
    if TIME_QUESTION.search(question) and not any(TIME_EXPRESSION.search(q) for q in quotes):
        return "the question asks when, and the best sentences give no date or time"
    if YEAR_QUESTION.search(question) and not any(YEAR_EXPRESSION.search(q) for q in quotes):
        return "the question asks for a year, and the best sentences give none"
    # "kapan rakor POK triwulan III …" where the sources speak of Triwulan II only (qa_new7 q22)
    given: dict[str, set[int]] = {}
    for quote in quotes:
        for noun, value in sequence_values(quote).items():
            given.setdefault(noun, set()).add(value)
    other_one = [(noun, value) for noun, value in sequence_values(question).items()
                 if noun in given and value not in given[noun]]
    if other_one:
        noun, value = other_one[0]
        return f"the question asks about {noun} {value}, and the best sentences speak of another one"
    # "Apa sanksi …", "Aplikasi layanan digital apa …": a detail a source gives with its own
    # noun, asked for where the best sentences never say that noun (qa_new6 q24, q33, q37)
    quote_terms = set().union(*(with_synonyms(content_terms(q)) for q in quotes))  # what they say, in any synonym
    asked = ASKED_THING.search(formal(question))
    thing = next((w.lower() for w in asked.groups() if w), "") if asked else ""
    if is_english(question) and (asked := ENGLISH_ASKED_THING.search(question)):
        # "What budget did Akmal Malik propose …" asks for an anggaran (qa_new18 q19, answered with
        # his words on change in the civil service)
        thing = EN_ID_GLOSSARY.get(asked.group(1).lower(), "")
    if thing in DETAIL_NOUNS and stem(thing) not in quote_terms:
        return f"the question asks for a {thing}, and the best sentences name none"
    # "Apakah Pemprov Jateng menyiapkan penghargaan khusus …": the detail whether there is one (qa_new12 q36)
    named = next((w for w in words(question) if w in DETAIL_NOUNS - SETTING_NOUNS and stem(w) not in quote_terms),
                 "") if YES_NO_QUESTION.search(question) else ""
    if named:
        return f"the question is about a {named}, and the best sentences name none"
    if PRAISE_QUESTION.search(question) and not any(PRAISE_WORDS.search(q) for q in quotes):
        return "the question asks whom or what someone praised, and the best sentences tell of no praise"
    building = BUILDING_QUESTION.search(question)
    if building and not any(_names_building(building.group(1), q) for q in quotes):
        return f"the question asks in which {building.group(1).lower()}, and the best sentences name none"
    place = _place_asked(question)
    # where a thing the question names is ("Apple Developer Academy … lokasinya di kota mana?"): a
    # sentence naming a place but not the thing (co-working offices in Malang) does not say, nor the
    # dateline, unless an event is asked for (qa_new22 q39)
    things = [terms for name in question_names(question) if not any(same_person(name, p) for p in people)
              and (terms := content_terms(" ".join(w for w in name.split() if not w.isupper()
                                                   and w not in REGION_WORDS and w not in INSTITUTION_WORDS
                                                   and not re.fullmatch(TITLE_WORDS, w))))] if place else []
    placing = [sentence for q in quotes for sentence in SENTENCE_BREAK.split(q)
               if not things or any(t & content_terms(sentence) for t in things)] if place else []
    if place and not any(names_new_place(question, sentence, people) for sentence in placing):
        # the dateline's place is where the article was filed ("SURABAYA - Gubernur … menginginkan …";
        # qa_new13 q05), which the citation shows: one town, no answer to "kota mana saja"
        dateline = not LIST_QUESTION.search(question) and (not things or EVENT_PLACE_QUESTION.search(question)) \
            and any(place and place.lower() not in question.lower() for place in places)
        if not dateline:
            return f"the question asks {place}, and the best sentences name no place it does not already hold"
    role = asked_role(question)
    if role and not any(names_role(role, q) for q in quotes):
        return f"the question asks who the {role[0]} was, and the best sentences name no {role[0]}"
    if EARLIER_POST_QUESTION.search(question) and not any(EARLIER_POST_WORDS.search(q) for q in quotes):
        return "the question asks for an earlier post, and the best sentences speak of none"
    tenure = TENURE_QUESTION.search(question)
    if tenure and (TIME_QUESTION.search(question) or YEAR_QUESTION.search(question)):
        # a post is dated by a year or a day of a month; a holiday dates a speech ("Pada momen Idul Fitri
        # ini, … dua bulan menjabat gubernur" gives no day he took office; qa_new14 q32)
        post = tenure.group(1) or tenure.group(2)  # as the question words it, in Indonesian or English
        office = content_terms(canonical_office(tenure.group(1) or expand_query(post, english=True)))
        if not any(office <= content_terms(canonical_office(q)) for q in quotes
                   if YEAR_EXPRESSION.search(q) or CALENDAR_DATE.search(q)):
            return f"the question asks when someone was {post}, and the best sentences date no such post"
    if EXAMPLE_QUESTION.search(question) and not any(EXAMPLE_WORDS.search(q) for q in quotes):
        return "the question asks for an example, and the best sentences give none"
    if SINCE_QUESTION.search(question) and not any(SINCE_WORDS.search(q) for q in quotes):
        return "the question asks since when, and the best sentences say when nothing began"
    if NAME_QUESTION.search(question) and not any(names_the_holder(question, q, d, config.holder_reach)
                                                    for q, d in zip(quotes, documents)):
        return "the question asks for a name, and the best sentences give none it does not already hold"
    listed = [int(v) for v in number_values(question) if v.isdigit() and 2 <= int(v) <= 50]
    if LIST_QUESTION.search(question) and listed and not any(str(listed[0]) in number_values(q) for q in quotes) \
            and max(len(LIST_SEPARATOR.findall(q)) + 1 for q in quotes) < listed[0]:
        return f"the question asks for {listed[0]} things, and the best sentences list fewer"
    written = formal(question)
    contents = CONTENTS_QUESTION.search(written)
    subject = words(written[:contents.start()])[-1:] if contents else []
    if contents and contents.group(0).lower() == "isi" and subject \
            and (subject[0] in PRONOUNS or any(same_person(subject[0], p) for p in people)):
        contents = None  # "Waktu Khofifah isi workshop …": she spoke at it (spoken "mengisi"; qa_new30 q01)
    if contents:
        def first_thing(text: str) -> list[set[str]]:
            return [terms for name in question_names(text) if not any(same_person(name, p) for p in people)
                    and (terms := content_terms(name))][:1]

        # the first thing named after the word that asks for its parts ("isi program Nawa Bhakti Satya"), or
        # before it when nothing is named after ("Program Nawa Bhakti Satya yang disebut Khofifah itu isinya
        # apa aja sih?"; qa_new31 q27)
        parts = first_thing(written[contents.end():]) or first_thing(written[:contents.start()])
        naming = [sentence for q in quotes for sentence in SENTENCE_BREAK.split(q)
                  if any(t <= content_terms(sentence) for t in parts)]
        if naming and not any(_lists_after(parts, sentence) for sentence in naming):
            return "the question asks for the parts of what it names, and the best sentences list none"
    quantity = QUANTITY_QUESTION.search(question)
    if quantity and any(m.start() <= quantity.start() < m.end() for m in TIME_QUESTION.finditer(question)) \
            and any(CALENDAR_DATE.search(q) for q in quotes):
        quantity = None  # "hari dan tanggal berapa": "Selasa (16/11)" answers it (a year or "Triwulan II" does not)
    if quantity:
        # "berapa gaji ...": the quotes must name what is counted and give a number for it
        # (not one from the question, and not a date).
        asked = number_values(question)
        focus = [t for t in tokenize(expand_query(question[quantity.end():])) if t not in COUNT_SKIPPED][:1]
        if focus and focus[0] not in quote_terms:
            return f"the question asks how many/much '{focus[0]}', which the best sentences do not mention"
        # a year ("Tahun Anggaran 2025") counts nothing, unless the question asks for a year ("tahun
        # anggaran berapa") or how long; an ordinal does when the question asks for one ("triwulan
        # berapa": "Triwulan II")
        years = set() if re.search(r"\btahun\b", question, re.IGNORECASE) or DURATION_QUESTION.search(question) else {
            v for q in quotes for v in number_values(q) if is_year(v)}
        ordinals = {str(v) for q in quotes for unit, v in sequence_values(q).items()
                    if re.search(rf"\b{unit}\s+(?:ke-?\s*)?berapa", question, re.IGNORECASE)}
        # a date answers "tanggal berapa", and is no count otherwise
        dated = TIME_QUESTION.search(question)
        if not ordinals and not any(number_values(q if dated else DATES.sub(" ", q)) - asked - years for q in quotes):
            return "the question asks for a number and the best sentences give none"
        # "Berapa jumlah peserta Latsar …": a count is written beside what it counts ("lima titik
        # kantor perwakilan", "35 kabupaten"), not anywhere in a sentence that names it (qa_new8 q10, q17)
        counted = focus and focus[0] not in MEASURE_WORDS and not ordinals and not dated \
            and not DURATION_QUESTION.search(question)
        if counted and not any(_counts_beside(focus[0], DATES.sub(" ", q), asked | years, config.count_reach)
                               for q in quotes):
            return f"the question asks how many '{focus[0]}', and the best sentences give no number beside it"
    return ""


def _lists_after(parts: list[set[str]], sentence: str) -> bool:
    """Whether ``sentence`` lists two things or more (a colon, or two separators) after the
    first of its words that names one of ``parts``."""
    tokens = words(sentence)
    at = next((i for i, token in enumerate(tokens) if any(stem(token) in terms for terms in parts)), None)
    if at is None:
        return False
    rest = sentence[sentence.lower().find(tokens[at]):]
    return ":" in rest or len(LIST_SEPARATOR.findall(rest)) >= 2


def _counts_beside(focus: str, text: str, not_counts: set[str], reach: int) -> bool:
    """Whether ``text`` gives a number (other than ``not_counts``) within ``reach`` words of a
    word whose stem is ``focus`` or a synonym of it, or of a word that states a count ("jumlah")."""
    forms = with_synonyms({focus}) | {stem(w) for w in COUNT_STATING_WORDS}
    tokens = words(text)
    return any(number_values(" ".join(tokens[max(0, i - reach):i + reach + 1])) - not_counts
               for i, token in enumerate(tokens) if stem(token) in forms)
